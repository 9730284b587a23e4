import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { externalUrlToOpen, type HttpOriginAllowed } from './external-url';
import { permissionAllowed } from './permissions';

type Log = (msg: string) => void;

/** Plain-http origins the OS browser may open: set once the store is open (its remotes' origins). */
let httpAllowed: HttpOriginAllowed = () => false;
export const allowHttpOrigins = (allowed: HttpOriginAllowed) => void (httpAllowed = allowed);

/** Opens a link the page asked for in the OS browser, only if it is a parsed https: URL (or an added remote's http: one). */
export function openExternalSafely(raw: string, log: Log): void {
  const url = externalUrlToOpen(raw, httpAllowed);
  if (!url) return log(`refused to open externally: ${raw.slice(0, 200)}`);
  shell.openExternal(url).catch((err: Error) => log(`could not open ${url}: ${err.message}`));
}

/**
 * Every webContents (our window, devtools, anything created later): no navigation away from
 * app:// and no new windows. A link to a parsed https: URL (window.open, target=_blank, or a
 * plain link in rendered Markdown) goes to the OS browser instead; nothing else leaves. No <webview>.
 */
export function hardenWebContents(contents: WebContents, log: Log): void {
  const refuse = (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url)) return false;
    event.preventDefault();
    log(`blocked navigation to ${event.url.slice(0, 200)}`);
    return true;
  };
  contents.on('will-navigate', (event) => {
    if (refuse(event) && event.isMainFrame) openExternalSafely(event.url, log);
  });
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, log);
    return { action: 'deny' };
  });
}

/** Applies hardenWebContents to every webContents the app ever creates. Call before any window. */
export function hardenApp(log: Log): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
}

/** Refuses permission requests and checks (see permissions.ts for the one exception). Needs the app ready. */
export function hardenSession(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = permissionAllowed(permission, details.requestingUrl);
    if (!allowed) log(`refused permission ${permission}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? requestingOrigin),
  );
}
