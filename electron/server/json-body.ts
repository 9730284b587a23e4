/**
 * A response body that is already JSON text in MLflow's wire format (non-finite numbers as
 * the strings "NaN", "Infinity", "-Infinity"): a route returns one to skip serialisation, for
 * answers assembled from cached per-item texts.
 */
export class JsonText {
  constructor(readonly text: string) {}
}
