const snippet = `import mlflow
mlflow.set_tracking_uri("http://127.0.0.1:5000")
mlflow.set_experiment("my-experiment")
with mlflow.start_run():
    mlflow.log_param("lr", 0.01)
    mlflow.log_metric("loss", 0.42, step=1)`;

/** The shell until the experiment browser lands: how to log to the local server. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32, maxWidth: 760 }}>
      <h1>Sextant</h1>
      <p>The local MLflow tracking server is running. Point your training scripts at it:</p>
      <pre style={{ background: '#f4f4f5', padding: 16, borderRadius: 8 }}>{snippet}</pre>
    </main>
  );
}
