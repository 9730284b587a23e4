/**
 * A response body that is already JSON text in MLflow's wire format (non-finite numbers as
 * the strings "NaN", "Infinity", "-Infinity"): a route returns one to skip serialisation, for
 * answers assembled from cached per-item texts.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/**
 * A response body of JSON text in MLflow's wire format, produced piece by piece (UTF-8 bytes or
 * strings) as the answer is written: large answers (metric histories) are sent with chunked
 * transfer encoding, one piece at a time, without ever being whole in memory. The pieces are
 * pulled only as the client takes them; an error while pulling the first piece is answered
 * as usual, a later one drops the connection (the status line is already sent).
 */
export class JsonStream {
  constructor(readonly pieces: Iterable<string | Uint8Array>) {}
}
