import { describe, expect, it } from 'vitest';
import { ClientMessage, encodeMessage, HolderMessage, JOB_PROTOCOL_VERSION, parseLine } from '../../../../electron/jobs/job-protocol';

describe('job protocol', () => {
  it('encodes one message per line with the version, and parses it back', () => {
    const line = encodeMessage({ type: 'run', job: { kind: 'push', args: { remote: 'team' } } });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(parseLine(line, ClientMessage, 'the CLI')).toEqual({ ok: true, msg: { v: JOB_PROTOCOL_VERSION, type: 'run', job: { kind: 'push', args: { remote: 'team' } } } });
  });

  it('names both versions when the peer speaks another one, keeping its own error words', () => {
    const newer = parseLine(JSON.stringify({ v: 2, type: 'run', job: { kind: 'push', args: {} } }), ClientMessage, 'the CLI');
    expect(newer).toMatchObject({ ok: false, error: `the CLI speaks job protocol version 2, this one speaks version ${JOB_PROTOCOL_VERSION}: use the same Sextant version on both sides` });
    const older = parseLine(JSON.stringify({ v: 0, type: 'error', message: 'unsupported' }), HolderMessage, 'process 7');
    expect(older).toMatchObject({ ok: false, peerError: 'unsupported' });
    expect(parseLine('{"type":"run"}', ClientMessage, 'the CLI')).toMatchObject({ ok: false, error: /no version/ });
  });

  it('refuses lines that are not JSON or not a known message', () => {
    expect(parseLine('hello', ClientMessage, 'the CLI')).toEqual({ ok: false, error: 'the CLI sent a line that is not JSON' });
    expect(parseLine(JSON.stringify({ v: JOB_PROTOCOL_VERSION, type: 'explode' }), ClientMessage, 'the CLI')).toMatchObject({ ok: false, error: /malformed/ });
    expect(parseLine(JSON.stringify({ v: JOB_PROTOCOL_VERSION, type: 'progress', progress: { itemsDone: -1, bytesDone: 0 } }), HolderMessage, 'x')).toMatchObject({ ok: false });
  });
});
