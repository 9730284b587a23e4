import type { EventMessage, RpcResult } from './contract';

/** The whole surface the preload exposes. Deliberately untyped per method: the typed client lives in renderer/api. */
export interface Bridge {
  call(method: string, input: unknown): Promise<RpcResult>;
  subscribe(listener: (msg: EventMessage) => void): () => void;
}
