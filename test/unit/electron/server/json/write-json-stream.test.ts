import { EventEmitter } from 'node:events';
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidParam } from '../../../../../shared/domain/mlflow-error';
import { JsonStream } from '../../../../../electron/server/json-body';
import { writeJsonStream } from '../../../../../electron/server/json/write-json-stream';
import { Routes } from '../../../../../electron/server/router';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function fetchAll(url: string): Promise<{ res: IncomingMessage; body: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const done = () => resolve({ res, body: Buffer.concat(chunks).toString('utf8'), complete: res.complete });
      res.on('end', done);
      res.on('close', done);
    }).on('error', reject);
  });
}

/** Pieces of about 1 MB, counting how many were pulled and whether the iterator was closed. */
function counted(total: number) {
  const state = { pulled: 0, closed: false };
  const piece = `,${JSON.stringify('x'.repeat(1024 * 1024))}`;
  const pieces = (function* gen() {
    try {
      yield '[0';
      for (let i = 0; i < total; i++) {
        state.pulled++;
        yield piece;
      }
      yield ']';
    } finally {
      state.closed = true;
    }
  })();
  return { state, pieces };
}

describe('writeJsonStream', () => {
  it('sends the pieces with chunked transfer encoding, strings and bytes alike', async () => {
    const base = await serve((_req, res) => void writeJsonStream(res, 200, { 'content-type': 'application/json' }, ['{"a":[', Buffer.from('1,2'), '', ',"\u00e9"', ']}']));
    const got = await fetchAll(base);
    expect(got.res.headers['transfer-encoding']).toBe('chunked');
    expect(got.res.headers['content-length']).toBeUndefined();
    expect(JSON.parse(got.body)).toEqual({ a: [1, 2, '\u00e9'] });
  });

  it('pulls pieces only as the client takes them, and stops, closes the iterator and leaves no listener when it goes away', async () => {
    const { state, pieces } = counted(500); // 500 MB if all were pulled
    let res!: ServerResponse;
    let listenersBefore = 0;
    let written!: Promise<void>;
    const base = await serve((_req, r) => {
      res = r;
      listenersBefore = r.listenerCount('close') + r.listenerCount('drain');
      written = writeJsonStream(r, 200, {}, pieces);
    });
    const client = await new Promise<IncomingMessage>((resolve) => get(base, resolve));
    client.pause(); // reads nothing: the socket fills, then write() says to wait
    await new Promise((r) => setTimeout(r, 300));
    const pulledWhilePaused = state.pulled;
    expect(pulledWhilePaused).toBeLessThan(60); // socket and kernel buffers, not the 500 pieces
    await new Promise((r) => setTimeout(r, 200));
    expect(state.pulled).toBe(pulledWhilePaused); // waiting for 'drain', not pulling
    client.destroy();
    await written;
    expect(state.closed).toBe(true);
    expect(state.pulled).toBe(pulledWhilePaused);
    expect(res.listenerCount('close') + res.listenerCount('drain')).toBe(listenersBefore);
  });
  it('gives the event loop a turn between large pieces even when the socket drains on the same turn', async () => {
    // A fast reader on loopback: the kernel takes each piece at once and Node emits 'drain' from
    // process.nextTick, so awaiting 'drain' alone would chain pieces without ever leaving the tick queue.
    class EagerSocketResponse extends EventEmitter {
      destroyed = false;
      written = 0;
      writeHead() {}
      write(piece: string | Uint8Array) {
        this.written += piece.length;
        process.nextTick(() => this.emit('drain'));
        return false;
      }
      end() {}
    }
    const res = new EagerSocketResponse();
    const { state, pieces } = counted(20);
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await writeJsonStream(res as unknown as ServerResponse, 200, {}, pieces);
    ticking = false;
    expect(state.pulled).toBe(20);
    expect(turns).toBeGreaterThanOrEqual(15); // about one turn per 1 MB piece (without them: 1)
  });
});

describe('a large piece of bytes', () => {
  it('is written in slices with a turn of the event loop between them, the bytes unchanged', async () => {
    const written: (string | Uint8Array)[] = [];
    class EagerSocketResponse extends EventEmitter {
      destroyed = false;
      writeHead() {}
      write(piece: string | Uint8Array) {
        written.push(typeof piece === 'string' ? piece : Uint8Array.from(piece));
        return true;
      }
      end() {}
    }
    const big = Uint8Array.from({ length: 1_000_000 }, (_, i) => i % 251);
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await writeJsonStream(new EagerSocketResponse() as unknown as ServerResponse, 200, {}, [big, 'tail']);
    ticking = false;
    expect(written.length).toBeGreaterThan(2); // not one write of a megabyte
    expect(Math.max(...written.map((w) => w.length))).toBeLessThan(big.length);
    expect(Buffer.concat(written.slice(0, -1) as Uint8Array[])).toEqual(Buffer.from(big));
    expect(written.at(-1)).toBe('tail');
    expect(turns).toBeGreaterThanOrEqual(written.length - 2);
  });
});

describe('a route answering a JsonStream', () => {
  function routes(pieces: () => Iterable<string>) {
    const r = new Routes(() => undefined);
    r.mlflow('GET', '/stream', () => new JsonStream(pieces()));
    return r;
  }

  it('answers an error met before the first byte as MLflow JSON', async () => {
    const r = routes(() => ({
      [Symbol.iterator]: () => ({
        next: () => {
          throw invalidParam('no such page');
        },
      }),
    }));
    const base = await serve((req, res) => r.handle(req, res));
    const got = await fetchAll(`${base}/api/2.0/mlflow/stream`);
    expect(got.res.statusCode).toBe(400);
    expect(JSON.parse(got.body)).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: 'no such page' });
  });

  it('drops the connection on an error after the first byte, so the client cannot take a cut answer for a whole one', async () => {
    const r = routes(function* failingLater() {
      yield '{"metrics":[';
      yield '1'.repeat(300_000); // past one turn
      throw new Error('disk gone');
    });
    const base = await serve((req, res) => r.handle(req, res));
    const got = await fetchAll(`${base}/api/2.0/mlflow/stream`);
    expect(got.res.statusCode).toBe(200);
    expect(got.complete).toBe(false);
    expect(() => JSON.parse(got.body)).toThrow();
  });
});
