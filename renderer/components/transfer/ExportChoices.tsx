import { toggled } from '../../state/transfer-export-form';

interface Props {
  title: string;
  all: string[];
  selected: string[];
  onChange(selected: string[]): void;
  empty: string;
  testId: string;
  disabled: boolean;
}

/** A checkbox per name, with "all" and "none". */
export function ExportChoices({ title, all, selected, onChange, empty, testId, disabled }: Props) {
  const chosen = new Set(selected);
  return (
    <fieldset className="transfer-choices" disabled={disabled} data-testid={testId}>
      <legend>
        {title} <span className="muted">({selected.length} of {all.length})</span>
      </legend>
      {all.length > 1 && (
        <div className="transfer-choice-all">
          <button type="button" onClick={() => onChange(all)} data-testid={`${testId}-all`}>All</button>
          <button type="button" onClick={() => onChange([])}>None</button>
        </div>
      )}
      {all.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {all.map((name) => (
            <li key={name}>
              <label className="transfer-check" title={name}>
                <input type="checkbox" checked={chosen.has(name)} onChange={() => onChange(toggled(selected, name, all))} data-testid={`${testId}-item`} data-name={name} />
                <span>{name}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
