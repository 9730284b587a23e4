import type { ModelVersion } from '../../../shared/domain/registry';
import { formatRoute } from '../../state/route';
import { AliasChips } from '../registry/AliasChips';

/** Registered versions as links (`churn v2`), with their aliases, one a line or `inline`; `empty` when there are none. */
export function VersionLinks({ versions, empty = null, inline = false }: { versions: readonly ModelVersion[]; empty?: React.ReactNode; inline?: boolean }) {
  if (versions.length === 0) return <>{empty}</>;
  return (
    <ul className={inline ? 'version-links inline' : 'version-links'}>
      {versions.map((v) => (
        <li key={`${v.name}/${v.version}`}>
          <a href={formatRoute({ page: 'version', name: v.name, version: v.version })} data-testid="registered-version" data-name={v.name} data-version={v.version}>
            {v.name} v{v.version}
          </a>
          <AliasChips aliases={(v.aliases ?? []).map((alias) => ({ alias }))} />
        </li>
      ))}
    </ul>
  );
}
