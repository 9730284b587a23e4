import { connect, type Socket } from 'node:net';
import { encodeMessage, HolderMessage, MAX_LINE_BYTES, parseLine } from './job-protocol';
import { errorMessage } from './job-runner';
import type { JobHolder, JobOutcome, JobProgress, JobRequest } from './job-types';
import { LineSplitter } from './line-splitter';

/** The hand-off did not produce a job outcome: refused, a protocol mismatch, a holder gone away. */
export class HandOffError extends Error {
  override name = 'HandOffError';
}

/**
 * Connects to a store's lock socket. Resolves with the socket when a process holds the store,
 * with null when nobody does (no socket file, or one nobody listens on).
 */
export function connectToHolder(endpoint: string): Promise<Socket | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') return resolve(null);
      if (err.code === 'EACCES') return reject(new HandOffError(`the store is held by a process of another user (its lock socket ${endpoint} is not ours to use)`));
      reject(new HandOffError(`cannot reach the process holding the store at ${endpoint}: ${err.code ?? err.message}`));
    });
  });
}

export interface HandOffEvents {
  onAccepted?(id: string, holder: JobHolder): void;
  onProgress?(progress: JobProgress): void;
  onLog?(line: string): void;
}

export interface HandOffOptions extends HandOffEvents {
  /** Aborting sends a cancel request; the result then arrives as the job stops. */
  signal?: AbortSignal;
  /** How long the holder may take to accept the job (default 60 s: it may still be opening the store). */
  answerTimeoutMs?: number;
  /** How messages name the holder, e.g. "process 123 (sextant serve)". */
  peer?: string;
}

export interface HandOffResult {
  id: string;
  holder: JobHolder;
  state: 'succeeded' | 'failed' | 'cancelled';
  outcome: JobOutcome;
  progress: JobProgress;
}

/**
 * Hands a job to the process holding the store over an open lock-socket connection and follows
 * it to its end. Rejects with HandOffError when no outcome arrives. The caller destroying the
 * socket cancels the job in the holder.
 */
export function handOffJob(socket: Socket, job: JobRequest, opts: HandOffOptions = {}): Promise<HandOffResult> {
  const peer = opts.peer ?? 'the process holding the store';
  return new Promise((resolve, reject) => {
    const splitter = new LineSplitter(MAX_LINE_BYTES);
    let accepted: { id: string; holder: JobHolder } | null = null;
    let settled = false;
    const finish = (err: HandOffError | null, result?: HandOffResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve(result!);
    };
    const timer = setTimeout(() => finish(new HandOffError(`${peer} did not answer the job request`)), opts.answerTimeoutMs ?? 60_000);
    // A cancel before the job is accepted waits for the acceptance (the holder has nothing to cancel yet).
    const onAbort = () => accepted && socket.writable && socket.write(encodeMessage({ type: 'cancel' }));
    opts.signal?.addEventListener('abort', onAbort);

    socket.on('data', (chunk: Buffer) => {
      let lines: string[];
      try {
        lines = splitter.push(chunk);
      } catch (err) {
        return finish(new HandOffError(`${peer}: ${errorMessage(err)}`));
      }
      for (const line of lines) {
        const parsed = parseLine(line, HolderMessage, peer);
        if (!parsed.ok) return finish(new HandOffError(parsed.peerError ? `${peer}: ${parsed.peerError}` : parsed.error));
        const msg = parsed.msg;
        if (msg.type === 'error') return finish(new HandOffError(`${peer}: ${msg.message}`));
        if (msg.type === 'accepted') {
          accepted = { id: msg.id, holder: msg.holder };
          clearTimeout(timer);
          opts.onAccepted?.(msg.id, msg.holder);
          if (opts.signal?.aborted) onAbort();
        } else if (!accepted) return finish(new HandOffError(`${peer} sent '${msg.type}' before accepting the job`));
        else if (msg.type === 'progress') opts.onProgress?.(msg.progress);
        else if (msg.type === 'log') opts.onLog?.(msg.line);
        else return finish(null, { ...accepted, state: msg.state, outcome: msg.outcome, progress: msg.progress });
      }
    });
    socket.on('error', () => {}); // 'close' follows
    socket.on('close', () =>
      finish(
        new HandOffError(
          accepted
            ? `${peer} went away before the job ended; run it again to resume`
            : `${peer} closed the connection without taking the job (an older Sextant that cannot run jobs?); update it, or close it and run the command again`,
        ),
      ),
    );
    socket.write(encodeMessage({ type: 'run', job }));
  });
}
