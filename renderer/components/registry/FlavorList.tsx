import type { Flavor } from './version-mlmodel';

/** The flavors a model can be loaded as, each with its settings. */
export function FlavorList({ flavors }: { flavors: readonly Flavor[] }) {
  if (flavors.length === 0) return <p className="muted">No flavors listed.</p>;
  return (
    <div className="flavor-list">
      {flavors.map((f) => (
        <div key={f.name} className="flavor" data-testid="flavor">
          <h3>{f.name}</h3>
          <table className="reg-table">
            <tbody>
              {f.entries.map((e) => (
                <tr key={e.key}>
                  <th>{e.key}</th>
                  <td className="mono">{e.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
