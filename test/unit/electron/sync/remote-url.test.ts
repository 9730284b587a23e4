import { describe, expect, it } from 'vitest';
import { buildUrl, encodeArtifactPath, parseRemoteUrl } from '../../../../electron/sync/remote-url';

describe('parseRemoteUrl', () => {
  it('keeps a path prefix and drops trailing slashes', () => {
    expect(parseRemoteUrl('https://mlflow.example.com:8443/team/ml/')).toEqual({ base: 'https://mlflow.example.com:8443/team/ml', host: 'mlflow.example.com:8443' });
    expect(parseRemoteUrl('http://127.0.0.1:5000')).toEqual({ base: 'http://127.0.0.1:5000', host: '127.0.0.1:5000' });
  });

  it.each([
    ['ftp://h/', 'scheme'],
    ['http://u:p@h/', 'user name or password'],
    ['http://h/?x=1', 'query string'],
    ['not a url', 'Not a URL'],
  ])('refuses %s', (url, message) => {
    expect(() => parseRemoteUrl(url)).toThrow(message);
  });
});

describe('buildUrl / encodeArtifactPath', () => {
  it('skips undefined fields and repeats arrays', () => {
    expect(buildUrl('http://h/p', 'api/2.0/mlflow/x', { a: [1, 2], b: false, c: undefined, d: null })).toBe('http://h/p/api/2.0/mlflow/x?a=1&a=2&b=false');
    expect(buildUrl('http://h', '/version')).toBe('http://h/version');
  });

  it('encodes each segment and keeps the slashes', () => {
    expect(encodeArtifactPath('1/abc/artifacts/my dir/ä%#?.txt')).toBe('1/abc/artifacts/my%20dir/%C3%A4%25%23%3F.txt');
    expect(encodeArtifactPath('/a//b/')).toBe('a/b');
  });
});
