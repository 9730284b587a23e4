import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJobConnectionHandler, prepareJobHost } from '../../../../electron/jobs/job-host';
import { JOB_PROTOCOL_VERSION, MAX_LINE_BYTES } from '../../../../electron/jobs/job-protocol';
import { JobRunner } from '../../../../electron/jobs/job-runner';
import { useTempDirs } from '../../../support/temp-dir';
import { CountJob } from './fixtures/count-job';

const tempDir = useTempDirs();
const servers: Server[] = [];
const holder = { pid: 4242, kind: 'serve' as const };

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function listenOn(onConnection: (socket: Socket) => void): Promise<string> {
  const path = join(tempDir(), 'jobs.sock');
  const server = createServer(onConnection);
  servers.push(server);
  await new Promise<void>((r) => server.listen(path, r));
  return path;
}

/** A bare protocol client: writes raw text, reads parsed lines. */
async function rawClient(path: string) {
  const socket = connect(path);
  await new Promise((r) => socket.once('connect', r));
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  socket.on('data', (d: Buffer) => {
    buffered += d.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts.filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
  });
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  socket.on('error', () => {});
  return {
    socket,
    lines,
    closed,
    send: (msg: object) => socket.write(`${JSON.stringify({ v: JOB_PROTOCOL_VERSION, ...msg })}\n`),
    /** Waits for a line of this type and returns it. */
    next: (type: string) => vi.waitFor(() => {
      const line = lines.find((l) => l.type === type);
      if (!line) throw new Error(`no ${type} line yet: ${JSON.stringify(lines)}`);
      return line;
    }),
  };
}

function hostWith(count: CountJob) {
  const runner = new JobRunner({ handlers: { count: count.handler }, throttleMs: 0, log: () => {} });
  return { runner, handler: createJobConnectionHandler({ runner, holder }) };
}

describe('job hand-off, holder side', () => {
  it('accepts a job sent in pieces, streams its progress and ends with done', async () => {
    const count = new CountJob(true);
    const path = await listenOn(hostWith(count).handler);
    const c = await rawClient(path);
    const line = JSON.stringify({ v: JOB_PROTOCOL_VERSION, type: 'run', job: { kind: 'count', args: { items: 2 } } });
    c.socket.write(line.slice(0, 10));
    await new Promise((r) => setImmediate(r));
    c.socket.write(`${line.slice(10)}\n`);
    await c.closed;
    expect(c.lines.map((l) => l.type)).toEqual(['accepted', 'progress', 'log', 'progress', 'progress', 'done']);
    expect(c.lines[0]).toMatchObject({ v: JOB_PROTOCOL_VERSION, holder });
    expect(c.lines.at(-1)).toMatchObject({ state: 'succeeded', outcome: { summary: 'counted 2 items', problems: [] }, progress: { itemsDone: 2, bytesDone: 2000 } });
  });

  it('answers an unknown kind, bad JSON, a newer protocol and a second job with an error line and closes', async () => {
    const path = await listenOn(hostWith(new CountJob(true)).handler);
    const cases: [string, RegExp][] = [
      [`${JSON.stringify({ v: JOB_PROTOCOL_VERSION, type: 'run', job: { kind: 'push', args: {} } })}\n`, /unknown job kind 'push' \(this process runs: count\)/],
      ['not json\n', /not JSON/],
      [`${JSON.stringify({ v: JOB_PROTOCOL_VERSION + 1, type: 'run', job: { kind: 'count', args: {} } })}\n`, /speaks job protocol version 2, this one speaks version 1/],
      [`${JSON.stringify({ v: JOB_PROTOCOL_VERSION, type: 'run' })}\n`, /malformed/],
    ];
    for (const [text, message] of cases) {
      const c = await rawClient(path);
      c.socket.write(text);
      await c.closed;
      expect(c.lines).toEqual([{ v: JOB_PROTOCOL_VERSION, type: 'error', message: expect.stringMatching(message) }]);
    }
  });

  it('refuses a line over the size limit without waiting for its end', async () => {
    const path = await listenOn(hostWith(new CountJob(true)).handler);
    const c = await rawClient(path);
    c.socket.write(`{"v":1,"type":"run","job":{"kind":"count","args":"${'x'.repeat(MAX_LINE_BYTES)}`);
    await c.closed;
    expect(c.lines).toEqual([{ v: JOB_PROTOCOL_VERSION, type: 'error', message: `a message line is longer than ${MAX_LINE_BYTES} bytes` }]);
  });

  it('cancels the job when the client closes its end (Ctrl-C)', async () => {
    const count = new CountJob();
    const { runner, handler } = hostWith(count);
    const path = await listenOn(handler);
    const c = await rawClient(path);
    c.send({ type: 'run', job: { kind: 'count', args: { items: 5 } } });
    const { id } = (await c.next('accepted')) as { id: string };
    await count.whenWaiting();
    c.socket.destroy();
    await vi.waitFor(() => expect(runner.get(id)!.state).toBe('cancelled'));
  });

  it('cancels the job on a cancel line and still sends done', async () => {
    const count = new CountJob();
    const path = await listenOn(hostWith(count).handler);
    const c = await rawClient(path);
    c.send({ type: 'run', job: { kind: 'count', args: { items: 5 } } });
    await c.next('accepted');
    count.allow(1);
    await count.whenWaiting();
    c.send({ type: 'cancel' });
    await c.closed;
    expect(c.lines.at(-1)).toMatchObject({ type: 'done', state: 'cancelled', outcome: { summary: 'counted 1 of 5 items, then cancelled' } });
  });

  it('holds connections made while the store opens until the runner is attached, and refuses them if it fails', async () => {
    const count = new CountJob(true);
    const host = prepareJobHost(holder);
    const path = await listenOn(host.onConnection);
    const c = await rawClient(path);
    c.send({ type: 'run', job: { kind: 'count', args: { items: 1 } } });
    await new Promise((r) => setTimeout(r, 20));
    expect(c.lines).toEqual([]);
    host.attach(new JobRunner({ handlers: { count: count.handler }, throttleMs: 0 }));
    await c.closed;
    expect(c.lines.at(-1)).toMatchObject({ type: 'done', state: 'succeeded' });

    const failing = prepareJobHost(holder);
    const c2 = await rawClient(await listenOn(failing.onConnection));
    c2.send({ type: 'run', job: { kind: 'count', args: { items: 1 } } });
    failing.fail(new Error('journal is corrupt'));
    await c2.closed;
    expect(c2.lines).toEqual([{ v: JOB_PROTOCOL_VERSION, type: 'error', message: 'the process holding the store could not start: journal is corrupt' }]);
  });

  it('closes a connection that never asks for a job', async () => {
    const runner = new JobRunner({ handlers: {} });
    const path = await listenOn(createJobConnectionHandler({ runner, holder, firstMessageTimeoutMs: 10 }));
    const c = await rawClient(path);
    await c.closed;
    expect(c.lines).toEqual([{ v: JOB_PROTOCOL_VERSION, type: 'error', message: 'no job request arrived in time' }]);
  });
});
