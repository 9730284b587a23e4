import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ByteBudget } from '../../../../electron/server/byte-budget';
import { readBody } from '../../../../electron/server/http-io';

const MB = 1024 * 1024;

/** A request whose body is written by the test; reading starts when readBody attaches. */
function request(contentLength: number | null) {
  const stream = new PassThrough();
  const req = Object.assign(stream, { headers: contentLength === null ? {} : { 'content-length': String(contentLength) } }) as unknown as IncomingMessage;
  return { req, stream, reading: () => stream.listenerCount('data') > 0 && !stream.readableEnded };
}

describe('readBody: bytes in flight', () => {
  it('reads at most the budget of bodies at once; the others wait unread until one is done', async () => {
    const budget = new ByteBudget(64 * MB);
    const reqs = Array.from({ length: 6 }, () => request(30 * MB));
    const bodies = reqs.map((r) => readBody(r.req, 32 * MB, budget));
    await new Promise((r) => setTimeout(r, 10));
    expect(reqs.map((r) => r.reading())).toEqual([true, true, false, false, false, false]);
    reqs[0]!.stream.end(Buffer.alloc(30 * MB, 'a'));
    await bodies[0];
    await new Promise((r) => setTimeout(r, 10));
    expect(reqs.map((r) => r.reading())).toEqual([false, true, true, false, false, false]);
    for (const r of reqs.slice(1)) r.stream.end('{}');
    expect((await Promise.all(bodies.slice(1))).every((b) => b === '{}')).toBe(true);
    expect(budget.inUse).toBe(0);
  });

  it('reserves the whole limit for a body of unknown length, and gives it back when the client goes away', async () => {
    const budget = new ByteBudget(40 * MB);
    const chunked = request(null);
    const body = readBody(chunked.req, 32 * MB, budget);
    await new Promise((r) => setTimeout(r, 10));
    expect(budget.inUse).toBe(32 * MB);
    chunked.stream.destroy();
    await expect(body).rejects.toThrow();
    expect(budget.inUse).toBe(0);
  });

  it('refuses an announced body over the limit without reserving anything', async () => {
    const budget = new ByteBudget(40 * MB);
    await expect(readBody(request(33 * MB).req, 32 * MB, budget)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    expect(budget.inUse).toBe(0);
  });

  it('gives the bytes back when a body turns out longer than announced', async () => {
    const budget = new ByteBudget(40 * MB);
    const liar = request(10);
    const body = readBody(liar.req, 20, budget);
    liar.stream.write(Buffer.alloc(30));
    await expect(body).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    expect(budget.inUse).toBe(0);
  });
});
