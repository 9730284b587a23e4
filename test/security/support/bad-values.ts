/**
 * Values of the wrong JSON type for each kind of MLflow request field, as raw JSON text
 * (so non-standard tokens such as 1e400 can be sent). None of them may be accepted.
 */
export const BAD = {
  /** Where a string is expected (names, keys, values). */
  string: ['{}', '[]', '["a"]', 'true', 'false', '{"$ne":null}'],
  /** Where an id (string; numbers are coerced as MLflow does) is expected. */
  id: ['{}', '[]', '["0"]', 'true', 'false', '{"$gt":""}'],
  /** int64 fields (times, steps, max_results). */
  int: ['"abc"', 'true', '{}', '[]', '1.5', '"1.5"', '1e400', '"12abc"', '"0x10"', '[1]'],
  /** double fields (metric values): booleans are refused, as MLflow does. */
  double: ['true', 'false', '"abc"', '{}', '[]', '""', '"1,5"', '[1]'],
  /** Enums (run status, logged model status). */
  enum: ['99', '"BOGUS"', 'true', '{}', '[]', '-1', '1.5', '"RUNNING "'],
  /** Lists of {key, value} (tags, params). */
  keyValues: [
    '"k=v"', '{}', '1', 'true', '[1]', '[null]', '["k"]', '[[]]', '[{"key":{},"value":"v"}]', '[{"key":["k"],"value":"v"}]',
    '[{"key":"k","value":{}}]', '[{"key":"k","value":["v"]}]', '[{"value":"v"}]', '[{"key":"","value":"v"}]', '[{"key":true,"value":"v"}]',
  ],
  /** log-batch `metrics`. */
  metrics: [
    '"m"', '{}', '1', '[1]', '[null]', '[[]]', '["m"]',
    '[{"key":"m","value":true,"timestamp":1}]', '[{"key":"m","value":false,"timestamp":1}]', '[{"key":"m","value":"abc","timestamp":1}]',
    '[{"key":"m","value":{},"timestamp":1}]', '[{"key":"m","value":[1],"timestamp":1}]', '[{"key":"m","value":1}]', '[{"key":"m","timestamp":1}]',
    '[{"value":1,"timestamp":1}]', '[{"key":{},"value":1,"timestamp":1}]', '[{"key":"m","value":1,"timestamp":"x"}]', '[{"key":"m","value":1,"timestamp":true}]',
    '[{"key":"m","value":1,"timestamp":1,"step":"x"}]', '[{"key":"m","value":1,"timestamp":1,"step":{}}]', '[{"key":"m","value":1,"timestamp":-1}]',
    '[{"key":"m","value":1,"timestamp":1.5}]', '[{"key":"m","value":1,"timestamp":1,"step":1.5}]',
  ],
  /** log-inputs `datasets`. */
  datasets: [
    '"d"', '{}', '[1]', '[null]', '[{"dataset":"x"}]', '[{"dataset":[]}]', '[{"dataset":{}}]',
    '[{"dataset":{"name":{},"digest":"d","source_type":"local","source":"s"}}]',
    '[{"dataset":{"name":"n","digest":"d","source_type":"local","source":{}}}]',
    '[{"dataset":{"name":"n","digest":"d","source_type":"local","source":"s"},"tags":"t"}]',
    '[{"dataset":{"name":"n","digest":"d","source_type":"local","source":"s"},"tags":[{"key":{},"value":"v"}]}]',
  ],
  /** `models` lists of run inputs / outputs. */
  models: ['"m"', '{}', '[1]', '[null]', '[{}]', '[{"model_id":{}}]', '[{"model_id":"m-not-an-id"}]', '[{"model_id":"../x"}]'],
} as const;

export type FieldKind = keyof typeof BAD;
