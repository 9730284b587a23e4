import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendError } from '../../../../electron/server/http-io';
import { DamageError } from '../../../../electron/store/crypto/sealed';
import { SeriesDamageError } from '../../../../electron/store/series/series-damage-error';

let server: Server | null = null;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** The status and body sendError answers for `err`, and what it logged. */
async function answerFor(err: unknown): Promise<{ status: number; body: { error_code: string; message: string }; logged: string[] }> {
  const logged: string[] = [];
  server = createServer((req, res) => sendError(req, res, err, (m) => logged.push(m)));
  await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return { status: res.status, body: (await res.json()) as { error_code: string; message: string }, logged };
}

describe('sendError', () => {
  it('names a damaged series file in the answer (its path and metric), without a stack', async () => {
    const damage = new SeriesDamageError('/store/series/001/7.f64', 7, "metric 'loss' of run abc", new DamageError('block', 'authentication failed', 3));
    const { status, body, logged } = await answerFor(damage);
    expect(status).toBe(500);
    expect(body.error_code).toBe('INTERNAL_ERROR');
    expect(body.message).toContain("series file /store/series/001/7.f64 (metric 'loss' of run abc) is damaged");
    expect(logged.join('\n')).toMatch(/^store damage: series file/);
  });

  it('answers an unexpected error without its details', async () => {
    const { status, body, logged } = await answerFor(new Error('secret detail'));
    expect(status).toBe(500);
    expect(body.message).not.toContain('secret detail');
    expect(logged.join('\n')).toContain('secret detail');
  });
});
