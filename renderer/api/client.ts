import type { EventMessage, EventName, EventPayload, Input, MethodName, Output, RpcError, RpcResult } from '../../shared/ipc/contract';

/** How the UI reaches the main process: Electron IPC in the desktop app, HTTP in browser mode. */
export interface Transport {
  call(method: MethodName, input: unknown): Promise<RpcResult>;
  subscribe(listener: (msg: EventMessage) => void): () => void;
}

export class ApiError extends Error {
  constructor(
    readonly code: RpcError['code'],
    message: string,
  ) {
    super(message);
  }
}

export function createClient(transport: Transport) {
  return {
    async call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
      const res = await transport.call(method, input);
      if (!res.ok) throw new ApiError(res.error.code, res.error.message);
      return res.value as Output<M>; // main validated the input and typed the handler
    },
    on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
      return transport.subscribe((msg) => {
        if (msg.event === event) cb(msg.payload as EventPayload<E>);
      });
    },
  };
}

export type Client = ReturnType<typeof createClient>;
