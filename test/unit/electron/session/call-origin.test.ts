import { describe, expect, it } from 'vitest';
import { isFromThisMachine, isLoopbackAddress } from '../../../../electron/session/call-origin';

const http = (remoteAddress: string, localAddress: string) => ({ transport: 'http' as const, connection: { remoteAddress, localAddress } });

describe('call origin: whether a call comes from this machine', () => {
  it('knows loopback addresses, IPv4 ones also as a dual-stack socket reports them', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.9']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', 'fe80::1', '0.0.0.0', '::', '', '128.0.0.1', '::ffff:7f00:1x']) expect(isLoopbackAddress(a), a).toBe(false);
  });

  it('IPC is always this machine; HTTP from a loopback address, or from the very address it reached', () => {
    expect(isFromThisMachine({ transport: 'ipc' })).toBe(true);
    expect(isFromThisMachine(http('127.0.0.1', '127.0.0.1'))).toBe(true);
    expect(isFromThisMachine(http('::ffff:127.0.0.1', '::ffff:127.0.0.1'))).toBe(true);
    expect(isFromThisMachine(http('::1', '::1'))).toBe(true);
    // a browser here opening http://192.0.2.2:5000 (serve --host 192.0.2.2 or 0.0.0.0)
    expect(isFromThisMachine(http('192.0.2.2', '192.0.2.2'))).toBe(true);
    expect(isFromThisMachine(http('::ffff:192.0.2.2', '192.0.2.2'))).toBe(true);
  });

  it('HTTP from another address, or with no connection known, is from elsewhere', () => {
    expect(isFromThisMachine(http('192.0.2.77', '192.0.2.2'))).toBe(false);
    expect(isFromThisMachine(http('::ffff:192.0.2.77', '::ffff:192.0.2.2'))).toBe(false);
    expect(isFromThisMachine(http('fd00::9', 'fd00::2'))).toBe(false);
    expect(isFromThisMachine(http('', '192.0.2.2'))).toBe(false);
    expect(isFromThisMachine({ transport: 'http' })).toBe(false);
  });
});
