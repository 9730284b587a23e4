import { describe, expect, it } from 'vitest';
import { aliasModelUri, bodyProblem, formatJson, prettyBody, servesModel, statusLine, versionModelUri } from '../../../../renderer/state/serving-console';

describe('request console helpers', () => {
  it('checks a JSON body parses, and leaves CSV alone', () => {
    expect(bodyProblem('', 'application/json')).toBe('The request body is empty.');
    expect(bodyProblem('{"inputs": [1]}', 'application/json')).toBeNull();
    expect(bodyProblem('{inputs: 1}', 'application/json')).toMatch(/^Not valid JSON/);
    expect(bodyProblem('a,b\n1,2', 'text/csv')).toBeNull();
  });

  it('pretty-prints JSON answers and shows others as they came', () => {
    expect(prettyBody('{"predictions":[1,0]}')).toEqual({ text: '{\n  "predictions": [\n    1,\n    0\n  ]\n}', json: true });
    expect(prettyBody('<html>oops')).toEqual({ text: '<html>oops', json: false });
    expect(formatJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatJson('{"a":')).toBe('{"a":');
  });

  it('names model URIs and tells this model’s servers from another’s with a shared prefix', () => {
    expect(versionModelUri('iris', '3')).toBe('models:/iris/3');
    expect(aliasModelUri('iris', 'champion')).toBe('models:/iris@champion');
    expect(servesModel('models:/iris/3', 'iris')).toBe(true);
    expect(servesModel('models:/iris@champion', 'iris')).toBe(true);
    expect(servesModel('models:/iris2/1', 'iris')).toBe(false);
    expect(servesModel('runs:/abc/model', 'iris')).toBe(false);
  });

  it('says status and latency in one line', () => {
    expect(statusLine(200, 12.4)).toBe('200 OK · 12 ms');
    expect(statusLine(400, 3.25)).toBe('400 Bad Request · 3.3 ms');
    expect(statusLine(418, 1)).toBe('418 · 1.0 ms');
    expect(statusLine(0, 2)).toBe('no answer · 2 ms');
  });
});
