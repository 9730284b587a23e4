import { paramHint, type ExtraParam, type ParamSpec, type ParamValues } from '../../state/project-params';

interface Props {
  params: readonly ParamSpec[];
  values: ParamValues;
  /** Problems to show now, by field (declared names, `extra.<i>`). */
  shown: Record<string, string>;
  onParam(name: string, value: string): void;
  onExtra(index: number, row: ExtraParam): void;
  onAddExtra(): void;
  onRemoveExtra(index: number): void;
  disabled: boolean;
}

const TYPE_LABEL = { float: 'number', path: 'path', uri: 'URI', string: 'text' } as const;

/** An entry point's typed parameters as fields (each with its type and default), plus extra `--key value` rows. */
export function ProjectParamsForm({ params, values, shown, onParam, onExtra, onAddExtra, onRemoveExtra, disabled }: Props) {
  return (
    <div className="project-params" data-testid="project-params">
      {params.length === 0 && <p className="muted project-none">This entry point takes no parameters.</p>}
      {params.map((p) => {
        const problem = shown[p.name];
        const id = `project-param-${p.name}`;
        return (
          <div key={p.name} className={`project-param${problem ? ' has-problem' : ''}`}>
            <label htmlFor={id}>
              <span className="project-param-name">{p.name}</span>
              <span className="project-param-type">{TYPE_LABEL[p.type]}</span>
            </label>
            <div className="project-param-input">
              <input
                id={id}
                type="text"
                inputMode={p.type === 'float' ? 'decimal' : 'text'}
                spellCheck={false}
                autoComplete="off"
                value={values.declared[p.name] ?? ''}
                placeholder={p.default !== undefined && p.default !== null ? String(p.default) : 'required'}
                aria-invalid={problem ? true : undefined}
                aria-describedby={`${id}-note`}
                disabled={disabled}
                onChange={(e) => onParam(p.name, e.target.value)}
                data-testid={id}
              />
              <span id={`${id}-note`} className={problem ? 'project-param-problem' : 'project-param-hint'} data-testid={problem ? `${id}-problem` : undefined}>
                {problem ?? paramHint(p)}
              </span>
            </div>
          </div>
        );
      })}
      {values.extra.map((row, i) => {
        const problem = shown[`extra.${i}`];
        return (
          <div key={i} className={`project-param project-extra${problem ? ' has-problem' : ''}`}>
            <input
              type="text"
              aria-label={`Extra parameter ${i + 1} name`}
              placeholder="name"
              spellCheck={false}
              value={row.key}
              disabled={disabled}
              onChange={(e) => onExtra(i, { ...row, key: e.target.value })}
              data-testid={`project-extra-key-${i}`}
            />
            <div className="project-param-input">
              <div className="project-extra-row">
                <input
                  type="text"
                  aria-label={`Extra parameter ${i + 1} value`}
                  placeholder="value"
                  spellCheck={false}
                  value={row.value}
                  disabled={disabled}
                  onChange={(e) => onExtra(i, { ...row, value: e.target.value })}
                  data-testid={`project-extra-value-${i}`}
                />
                <button type="button" className="link-btn" aria-label={`Remove extra parameter ${i + 1}`} title="Remove" disabled={disabled} onClick={() => onRemoveExtra(i)}>
                  ×
                </button>
              </div>
              <span className={problem ? 'project-param-problem' : 'project-param-hint'}>{problem ?? 'passed to the command as --name value'}</span>
            </div>
          </div>
        );
      })}
      <button type="button" className="link-btn project-add-extra" disabled={disabled} onClick={onAddExtra} data-testid="project-add-extra">
        + Extra parameter
      </button>
    </div>
  );
}
