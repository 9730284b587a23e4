/** The exact lines that log to this server: what an empty store teaches. */
export function LoggingSnippet({ trackingUri, experimentName }: { trackingUri: string; experimentName: string }) {
  const code = [
    'import mlflow',
    '',
    `mlflow.set_tracking_uri("${trackingUri}")`,
    `mlflow.set_experiment(${JSON.stringify(experimentName)})`,
    '',
    'with mlflow.start_run():',
    '    mlflow.log_param("learning_rate", 0.01)',
    '    for step in range(100):',
    '        mlflow.log_metric("loss", 1.0 / (step + 1), step=step)',
  ].join('\n');
  return (
    <div className="empty-state">
      <p>No runs yet. Log to this server from any training script:</p>
      <pre data-testid="logging-snippet">{code}</pre>
      <p className="muted">
        Or set <code>MLFLOW_TRACKING_URI={trackingUri}</code> and run your script unchanged. Runs appear here as they are logged.
      </p>
    </div>
  );
}
