import type { FileInfo } from '../../../shared/domain/tracking';
import { ROOT, useArtifactTree, type ArtifactTreeStore } from '../../state/artifacts-tree-store';
import { baseName } from './artifact-paths';
import { formatSize } from './format-size';

interface Props {
  tree: ArtifactTreeStore;
  selected: string | null;
  onSelect(file: FileInfo): void;
}

function Folder({ dir, depth, ...props }: Props & { dir: string; depth: number }) {
  const entries = useArtifactTree(props.tree, (s) => s.entries[dir]);
  const error = useArtifactTree(props.tree, (s) => s.errors[dir]);
  const loading = useArtifactTree(props.tree, (s) => s.loading[dir] && !s.entries[dir]);
  const expanded = useArtifactTree(props.tree, (s) => s.expanded);
  const indent = { paddingLeft: `${8 + depth * 14}px` };
  if (error) return <li className="tree-note error-note" style={indent}>{error}</li>;
  if (loading) return <li className="tree-note muted" style={indent}>Loading…</li>;
  if (entries?.length === 0 && depth > 0) return <li className="tree-note muted" style={indent}>(empty)</li>;
  return (
    <>
      {entries?.map((f) => (
        <li key={f.path} role="treeitem" aria-expanded={f.is_dir ? Boolean(expanded[f.path]) : undefined} aria-selected={props.selected === f.path}>
          <button
            type="button"
            className={`tree-entry ${props.selected === f.path ? 'selected' : ''}`}
            style={indent}
            data-testid="artifact-entry"
            data-path={f.path}
            data-kind={f.is_dir ? 'folder' : 'file'}
            title={f.path}
            onClick={() => (f.is_dir ? void props.tree.getState().toggle(f.path) : props.onSelect(f))}
          >
            <span className="tree-icon" aria-hidden="true">{f.is_dir ? (expanded[f.path] ? '▾' : '▸') : '·'}</span>
            <span className="tree-name">{baseName(f.path)}</span>
            {!f.is_dir && <span className="tree-size">{formatSize(f.file_size)}</span>}
          </button>
          {f.is_dir && expanded[f.path] && (
            <ul role="group">
              <Folder {...props} dir={f.path} depth={depth + 1} />
            </ul>
          )}
        </li>
      ))}
    </>
  );
}

/** The run's artifacts as a tree; a folder is listed the first time it is opened. */
export function ArtifactTree(props: Props) {
  const root = useArtifactTree(props.tree, (s) => s.entries[ROOT]);
  return (
    <div className="artifact-tree" data-testid="artifact-tree">
      <ul role="tree" aria-label="Artifacts">
        <Folder {...props} dir={ROOT} depth={0} />
      </ul>
      {root?.length === 0 && (
        <div className="tree-empty">
          <p className="muted">No artifacts logged for this run yet.</p>
          <pre>{'mlflow.log_artifact("plot.png")\nmlflow.log_dict(config, "config.json")'}</pre>
        </div>
      )}
    </div>
  );
}
