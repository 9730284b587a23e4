import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Bytes handed to the socket before other requests get a turn, when it takes them all at once. */
const TURN_BYTES = 256 * 1024;

/** How the next piece is pulled: at once (the default), or as work of a fair turn (WorkTurns). */
export type PullPiece = (next: () => IteratorResult<string | Uint8Array>) => IteratorResult<string | Uint8Array> | Promise<IteratorResult<string | Uint8Array>>;

/**
 * Writes a JSON answer piece by piece with chunked transfer encoding (no Content-Length).
 * Pieces are pulled one at a time: the next only once the socket took the last (`write`
 * returned true, or after 'drain'), and the event loop gets a turn (setImmediate) after every
 * TURN_BYTES or so, so a large answer neither piles up in memory nor holds the event loop.
 *
 * The first piece is pulled before the status line: if that throws, nothing was sent and the
 * caller answers the error as usual. A later failure propagates with the headers sent (the
 * caller then drops the connection). A client that goes away stops the pulling: the iterator is
 * closed (its `finally` blocks run) and the writer's listeners are removed.
 */
export async function writeJsonStream(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  pieces: Iterable<string | Uint8Array>,
  pull: PullPiece = (next) => next(),
): Promise<void> {
  const it = pieces[Symbol.iterator]();
  const nextPiece = () => pull(() => it.next());
  let finished = false;
  let gone = false;
  const onClose = () => {
    gone = true;
  };
  res.on('close', onClose);
  try {
    let next = await nextPiece();
    if (gone || res.destroyed) return;
    res.writeHead(status, headers);
    let sinceTurn = 0;
    while (!next.done) {
      if (gone || res.destroyed) return;
      // A large piece of bytes goes out in TURN_BYTES slices (views, not copies): handing a whole
      // megabyte to the socket at once is one long write on the loop.
      for (const piece of slices(next.value)) {
        sinceTurn += piece.length;
        if (!res.write(piece)) await drainedOrClosed(res);
        // 'drain' can come on the same turn (a fast reader took the bytes at once; Node emits
        // it from process.nextTick): waiting for it alone would never give the loop a turn.
        if (sinceTurn >= TURN_BYTES) {
          await nextTurn();
          sinceTurn = 0;
        }
        if (gone || res.destroyed) return;
      }
      next = await nextPiece();
    }
    finished = true;
    res.end();
  } finally {
    res.off('close', onClose);
    if (!finished) it.return?.();
  }
}

/** A piece as it is written: bytes in slices of at most TURN_BYTES; a string whole (a cut could split a character); nothing for an empty piece. */
function slices(piece: string | Uint8Array): (string | Uint8Array)[] {
  if (piece.length === 0) return [];
  if (typeof piece === 'string' || piece.length <= TURN_BYTES) return [piece];
  const out: Uint8Array[] = [];
  for (let at = 0; at < piece.length; at += TURN_BYTES) out.push(piece.subarray(at, at + TURN_BYTES));
  return out;
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
