import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { appResponder } from './app-response';

/**
 * Must run before the app is ready. app:// then behaves like https: standard URLs (relative
 * asset paths, a real origin), a secure context, fetch. It does not bypass the CSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves out/renderer on app://sextant/ (see app-response.ts). Needs the app ready. */
export function serveAppProtocol(rendererDir: string, log: (msg: string) => void): void {
  protocol.handle(APP_SCHEME, appResponder(rendererDir, log));
}
