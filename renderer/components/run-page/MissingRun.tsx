/** What the run page says for an id the store has no run for: why, and the ways back. */
export function MissingRun({ runId }: { runId: string }) {
  return (
    <div className="missing-run" data-testid="run-missing">
      <h1>Run not found</h1>
      <p>
        No run with id <code>{runId}</code> in this store. It may have been deleted for good (garbage-collected), or it lives in another store or on a remote not pulled yet.
      </p>
      <p>
        <a href="#/" data-testid="run-missing-home">Back to the experiments</a>
        {window.history.length > 1 && (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => window.history.back()}>Back to the previous page</button>
          </>
        )}
      </p>
    </div>
  );
}
