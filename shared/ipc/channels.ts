// Kept apart from contract.ts so the (bundled, sandboxed) preload does not pull in zod.
export const RPC_CHANNEL = 'app:rpc';
export const EVENT_CHANNEL = 'app:event';
