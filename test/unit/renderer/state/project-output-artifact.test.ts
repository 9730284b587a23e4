import { describe, expect, it } from 'vitest';
import { decodeBase64Text, OUTPUT_TAIL_BYTES, readKeptOutput } from '../../../../renderer/state/project-output-artifact';
import { fakeClient } from './run-fake-client';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('a project run’s kept output', () => {
  it('reads the whole artifact when it is small', async () => {
    const fake = fakeClient({
      'artifacts.list': () => [{ path: 'model', is_dir: true }, { path: 'project-output.log', is_dir: false, file_size: 20 }],
      'artifacts.read': (input: { offset: number }) => ({ path: 'project-output.log', size: 20, offset: input.offset, truncated: false, base64: b64('step 1\nstep 2\ndone ü\n') }),
    });
    expect(await readKeptOutput(fake.api, 'r1')).toEqual({ lines: ['step 1', 'step 2', 'done ü'], partial: '', dropped: 0 });
    expect(fake.calls[1]!.input).toMatchObject({ runId: 'r1', path: 'project-output.log', offset: 0 });
  });

  it('reads only the end of a big one and drops the line cut in two', async () => {
    const size = OUTPUT_TAIL_BYTES + 1000;
    const fake = fakeClient({
      'artifacts.list': () => [{ path: 'project-output.log', is_dir: false, file_size: size }],
      'artifacts.read': () => ({ path: 'project-output.log', size, offset: 1000, truncated: false, base64: b64('cut line\nlast 1\nlast 2\n') }),
    });
    const log = await readKeptOutput(fake.api, 'r1');
    expect(fake.calls[1]!.input).toMatchObject({ offset: 1000, maxBytes: OUTPUT_TAIL_BYTES });
    expect(log).toMatchObject({ lines: ['last 1', 'last 2'] });
    expect(log!.dropped).toBeGreaterThan(0);
  });

  it('is null for a run without the artifact', async () => {
    const fake = fakeClient({ 'artifacts.list': () => [{ path: 'notes.txt', is_dir: false, file_size: 3 }] });
    expect(await readKeptOutput(fake.api, 'r1')).toBeNull();
    expect(decodeBase64Text(b64('ok ✓'))).toBe('ok ✓');
  });
});
