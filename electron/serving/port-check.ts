import { createServer } from 'node:net';

/** A port another program listens on, said so a person can pick another. */
export class PortTakenError extends Error {
  override name = 'PortTakenError';
}

/** Throws PortTakenError when host:port cannot be bound now (taken, or not ours to bind). */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new PortTakenError(`Port ${port} on ${host} is taken by another program: choose another port, or stop what listens there.`));
      else if (err.code === 'EACCES') reject(new PortTakenError(`Port ${port} on ${host} may not be used by this user: choose a port above 1023.`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new PortTakenError(`${host} is not an address of this machine (--host).`));
      else reject(err);
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** The URL a server on host:port answers at (an IPv6 address in brackets). */
export function serverUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Where to check the server's health: a wildcard bind is reached through loopback. */
export function healthUrl(host: string, port: number): string {
  const reach = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return serverUrl(reach, port);
}
