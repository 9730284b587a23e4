import { z } from 'zod';
import { method } from './contract-method';
import { ENV_MANAGERS, type InvokeResult, type ServerView, type ServingExample } from './serving-types';

const Id = z.string().min(1).max(256);
/** models:/name/version, models:/name@alias, models:/m-<id> or runs:/<run_id>/<path>. */
const ModelUri = z.string().min(1).max(4096);
const Host = z.string().min(1).max(255);
const Port = z.number().int().min(1).max(65_535);

/** The contract's serving methods and events (spread into contract.ts). */
export const servingMethods = {
  /** Every scoring server this process runs or ran lately (the app's and those `sextant models serve` handed over), oldest first. */
  'serving.list': method<ServerView[]>()(z.object({})),
  /** Starts serving a model (a job of the store holder); answers at once in state 'starting', then `serving.changed` says when it is ready or failed. */
  'serving.start': method<ServerView>()(
    z.object({ modelUri: ModelUri, port: Port.optional(), host: Host.optional(), envManager: z.enum(ENV_MANAGERS).optional() }),
  ),
  /** Stops a server (SIGTERM, then SIGKILL) and answers its view once stopped. */
  'serving.stop': method<ServerView>()(z.object({ id: Id })),
  /** A request body for the console: the model's serving input example, its input example, or one built from its signature. */
  'serving.example': method<ServingExample>()(z.object({ modelUri: ModelUri })),
  /** Sends one POST /invocations to a ready server (main forwards it; the renderer never talks to the server). */
  'serving.invoke': method<InvokeResult>()(
    z.object({ id: Id, body: z.string().max(16 * 1024 * 1024), contentType: z.enum(['application/json', 'text/csv']) }),
  ),
} as const;

export const servingEvents = {
  /** A server started, became ready, stopped or failed: its whole view. */
  'serving.changed': z.object({ server: z.custom<ServerView>() }),
  /** New output of a server (one or more lines, '\n'-separated). */
  'serving.output': z.object({ id: z.string(), text: z.string() }),
} as const;
