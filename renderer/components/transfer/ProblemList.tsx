/** What went wrong with named items (a damaged run, an alias whose version did not come in). */
export function ProblemList({ problems, title }: { problems: { item: string; message: string }[]; title: string }) {
  return (
    <div className="transfer-problems" data-testid="transfer-problems">
      <h3>{title}</h3>
      <ul>
        {problems.slice(0, 20).map((p, i) => (
          <li key={i}>
            <code title={p.item}>{p.item}</code> {p.message}
          </li>
        ))}
        {problems.length > 20 && <li className="muted">and {(problems.length - 20).toLocaleString('en-US')} more</li>}
      </ul>
    </div>
  );
}
