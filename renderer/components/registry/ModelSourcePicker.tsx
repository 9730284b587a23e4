import type { LoggedModel } from '../../../shared/domain/tracking';
import type { RegisterChoice } from '../../state/registry-register-store';
import { When } from '../When';

interface Props {
  folders: readonly string[];
  loggedModels: readonly LoggedModel[];
  choice: RegisterChoice | null;
  onChoose(choice: RegisterChoice): void;
}

const keyOf = (c: RegisterChoice) => (c.kind === 'logged' ? `model:${c.modelId}` : `folder:${c.path}`);
const same = (a: RegisterChoice | null, b: RegisterChoice) => a !== null && keyOf(a) === keyOf(b);

/** The run's models to choose from: its logged models, then artifact folders holding an MLmodel file. */
export function ModelSourcePicker({ folders, loggedModels, choice, onChoose }: Props) {
  if (folders.length === 0 && loggedModels.length === 0) {
    return <p className="muted">This run has no logged model and no artifact folder with an MLmodel file.</p>;
  }
  return (
    <fieldset data-testid="register-source">
      <legend>What to register</legend>
      {loggedModels.map((m) => {
        const c: RegisterChoice = { kind: 'logged', modelId: m.info.model_id };
        return (
          <label key={m.info.model_id}>
            <input type="radio" name="register-source" checked={same(choice, c)} onChange={() => onChoose(c)} />
            <span>
              Logged model <strong>{m.info.name}</strong> <code>{m.info.model_id}</code>{' '}
              <span className="sub"><When ms={m.info.creation_timestamp_ms} /></span>
            </span>
          </label>
        );
      })}
      {folders.map((path) => {
        const c: RegisterChoice = { kind: 'folder', path };
        return (
          <label key={`f:${path}`}>
            <input type="radio" name="register-source" checked={same(choice, c)} onChange={() => onChoose(c)} />
            <span>
              Artifact folder <code>{path || '(artifact root)'}</code>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
