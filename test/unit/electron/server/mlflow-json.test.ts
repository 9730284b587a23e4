import { describe, expect, it } from 'vitest';
import { parseMlflowJson, stringifyMlflowJson } from '../../../../electron/server/mlflow-json';

describe('MLflow JSON', () => {
  it('accepts the bare NaN and Infinity tokens Python sends as numbers, but not inside strings', () => {
    expect(parseMlflowJson('{"a": NaN, "b": -Infinity, "c": [Infinity], "d": "NaN Infinity"}')).toEqual({ a: Number.NaN, b: -Infinity, c: [Infinity], d: 'NaN Infinity' });
    expect(parseMlflowJson('{"s": "say \\"NaN\\"", "v": NaN}')).toEqual({ s: 'say "NaN"', v: Number.NaN });
  });

  it('decodes a JSON string holding JSON (double-encoded by old R clients) and treats empty as {}', () => {
    expect(parseMlflowJson(JSON.stringify(JSON.stringify({ run_id: 'x' })))).toEqual({ run_id: 'x' });
    expect(parseMlflowJson('  ')).toEqual({});
  });

  it('answers malformed JSON with a 400 MLflow error', () => {
    expect(() => parseMlflowJson('{"a": ')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', status: 400 }));
  });

  it('writes non-finite numbers as the strings protobuf JSON uses', () => {
    expect(stringifyMlflowJson({ v: [Number.NaN, Infinity, -Infinity, 1.5] })).toBe('{"v":["NaN","Infinity","-Infinity",1.5]}');
  });
});
