import { z } from 'zod';

/**
 * The hand-off protocol spoken over a store's lock socket: newline-delimited JSON, one message
 * per line, every message carrying the protocol version `v`.
 *
 *   CLI → holder   {v, type:'run', job:{kind, args}}   then optionally {v, type:'cancel'}
 *   holder → CLI   {v, type:'accepted', id, holder:{pid, kind}}
 *                  {v, type:'progress', progress}  {v, type:'log', line}   (any number)
 *                  {v, type:'done', state, outcome, progress}
 *                  {v, type:'error', message}       (instead of accepted: bad input, unknown kind)
 *
 * The CLI closing its end cancels the job.
 */
export const JOB_PROTOCOL_VERSION = 1;

/** Longest line either side accepts (bytes, newline excluded). */
export const MAX_LINE_BYTES = 1024 * 1024;

const count = z.number().finite().nonnegative();

export const JobProgressSchema = z.object({
  phase: z.string().optional(),
  itemsDone: count,
  itemsTotal: count.optional(),
  bytesDone: count,
  bytesTotal: count.optional(),
  current: z.string().optional(),
});

export const JobOutcomeSchema = z.object({
  summary: z.string(),
  problems: z.array(z.object({ item: z.string(), message: z.string() })),
  details: z.unknown().optional(),
});

const v = z.literal(JOB_PROTOCOL_VERSION);

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ v, type: z.literal('run'), job: z.object({ kind: z.string().min(1).max(100), args: z.unknown() }) }),
  z.object({ v, type: z.literal('cancel') }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const HolderMessage = z.discriminatedUnion('type', [
  z.object({ v, type: z.literal('accepted'), id: z.string(), holder: z.object({ pid: z.number().int(), kind: z.enum(['serve', 'app', 'cli']) }) }),
  z.object({ v, type: z.literal('progress'), progress: JobProgressSchema }),
  z.object({ v, type: z.literal('log'), line: z.string() }),
  z.object({ v, type: z.literal('done'), state: z.enum(['succeeded', 'failed', 'cancelled']), outcome: JobOutcomeSchema, progress: JobProgressSchema }),
  z.object({ v, type: z.literal('error'), message: z.string() }),
]);
export type HolderMessage = z.infer<typeof HolderMessage>;

/** Distributes `Omit` over a union, so each message keeps its own fields. */
type WithoutVersion<T> = T extends unknown ? Omit<T, 'v'> : never;

export function encodeMessage(msg: WithoutVersion<ClientMessage> | WithoutVersion<HolderMessage>): string {
  return `${JSON.stringify({ v: JOB_PROTOCOL_VERSION, ...msg })}\n`;
}

export type Parsed<T> = { ok: true; msg: T } | { ok: false; error: string; peerError?: string };

/**
 * Parses one line. A version other than ours gets a message naming both versions (and, when the
 * peer's line is an error, the peer's own words in `peerError`).
 */
export function parseLine<T>(line: string, schema: z.ZodType<T>, peer: string): Parsed<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, error: `${peer} sent a line that is not JSON` };
  }
  const loose = raw as { v?: unknown; type?: unknown; message?: unknown } | null;
  const peerError = loose?.type === 'error' && typeof loose.message === 'string' ? loose.message : undefined;
  if (typeof loose !== 'object' || loose === null || loose.v !== JOB_PROTOCOL_VERSION) {
    const theirs = typeof loose?.v === 'number' ? `version ${loose.v}` : 'no version';
    return { ok: false, error: `${peer} speaks job protocol ${theirs}, this one speaks version ${JOB_PROTOCOL_VERSION}: use the same Sextant version on both sides`, peerError };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `${peer} sent a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})` };
  return { ok: true, msg: parsed.data };
}
