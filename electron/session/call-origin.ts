import type { CallContext } from '../ipc/dispatch';

/** An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, as a dual-stack socket reports IPv4 peers) as plain IPv4. */
const unmapped = (address: string) => address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/** 127.0.0.0/8 or ::1 (an IPv4 one also in its IPv6-mapped form). */
export function isLoopbackAddress(address: string): boolean {
  const a = unmapped(address);
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/**
 * Whether a call comes from this machine, so what it carries never crossed a network: IPC always;
 * HTTP when the client's address is a loopback one, or is the very address of this machine it
 * reached (a browser here opening `--host 192.0.2.2`: the kernel routes that over loopback, and a
 * packet from elsewhere claiming one of our own addresses is dropped). An HTTP call whose
 * connection is not known counts as from elsewhere.
 */
export function isFromThisMachine(ctx: CallContext): boolean {
  if (ctx.transport === 'ipc') return true;
  const c = ctx.connection;
  if (!c || !c.remoteAddress) return false;
  return isLoopbackAddress(c.remoteAddress) || unmapped(c.remoteAddress) === unmapped(c.localAddress);
}
