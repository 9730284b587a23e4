import { describe, expect, it } from 'vitest';
import { mayHoldNullToken, parseMlflowJson, stringifyMlflowJson, stringifyWithReplacer } from '../../../../electron/server/mlflow-json';
import { prng } from '../../../support/prng';

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

describe('stringifyMlflowJson without a replacer: the same text as with one', () => {
  const special = [Number.NaN, Infinity, -Infinity, -0, 0, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, 2 ** 53 + 1, 1733390000000, -1.5, 0.1 + 0.2];
  const strings = ['', 'null', ':null,', 'a"b\\c', '\u00e9\u4e2d\ud83d\ude00', '\ud800', 'x\udc00y', '{"a":null}', '[null]', 'NaN', '\u0000\u001f\u2028'];

  it('on a table of shapes MLflow answers, non-finite numbers, nulls and lookalikes in strings', () => {
    const cases: unknown[] = [
      {}, [], null, Number.NaN, 'null', [null], { a: null }, [1, null], { v: Number.NaN }, [Infinity], { x: [[-Infinity]] },
      { run: { data: { metrics: special.map((value, step) => ({ key: 'm', value, timestamp: 1733390000000 + step, step })) } } },
      { tags: strings.map((value) => ({ key: 'k', value })) },
      { metrics: [{ key: 'null', value: 1 }], next_page_token: 'eyJvZmZzZXQiOiAxfQ==' },
      { a: undefined, b: () => 1, c: [undefined] },
      { d: new Date(0), n: new Number(Number.NaN) },
      { toJSON: () => Number.NaN },
    ];
    for (const value of cases) expect(stringifyMlflowJson(value)).toBe(stringifyWithReplacer(value));
    expect(stringifyMlflowJson(undefined)).toBe(stringifyWithReplacer(undefined));
  });

  it('on generated values (property test, fixed seed)', () => {
    const rand = prng(11);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const num = () => (rand() < 0.3 ? pick(special) : rand() < 0.5 ? (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20) : Math.floor(rand() * 2 ** 60));
    const str = () => (rand() < 0.4 ? pick(strings) : String.fromCharCode(...Array.from({ length: Math.floor(rand() * 8) }, () => Math.floor(rand() * 0xffff))));
    const gen = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.35) return r < 0.15 ? num() : r < 0.25 ? str() : r < 0.3 ? null : rand() < 0.5;
      if (r < 0.7) return Array.from({ length: Math.floor(rand() * 5) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [str(), gen(depth + 1)]));
    };
    let slow = 0;
    for (let i = 0; i < 3000; i++) {
      const value = gen(0);
      expect(stringifyMlflowJson(value)).toBe(stringifyWithReplacer(value));
      if (mayHoldNullToken(JSON.stringify(value) ?? '')) slow++;
    }
    expect(slow).toBeGreaterThan(0); // the generator does reach the fallback
    expect(slow).toBeLessThan(3000); // and the fast path
  });

  it('takes the fast path only when no null token can stand for a number', () => {
    expect(mayHoldNullToken('{"a":1,"b":"null","c":"x:null"}')).toBe(false);
    expect(mayHoldNullToken('{"a":null}')).toBe(true);
    expect(mayHoldNullToken('[1,null]')).toBe(true);
    expect(mayHoldNullToken('null')).toBe(true);
    expect(mayHoldNullToken('{"s":"{\\"a\\":null}"}')).toBe(true); // a lookalike inside a string: only slower
  });
});
