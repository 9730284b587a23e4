/** One logged model (MLflow 3): `#/logged-models/<model id>`. */
export function LoggedModelPage({ modelId }: { modelId: string }) {
  return (
    <section className="page" data-testid="logged-model-page">
      <h1>
        Logged model <code>{modelId}</code>
      </h1>
    </section>
  );
}
