import { randomBytes } from 'node:crypto';

/**
 * The UI page's policy. Scripts run only with this response's nonce: not every same-origin URL
 * (an artifact download, say) is a script of ours, so `'self'` is never enough. Styles inline
 * (echarts), images from data: and blob: (previews), frames from blob: (PDF), no plugins, no framing.
 */
export const uiPagePolicy = (nonce: string) =>
  `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; ` +
  "connect-src 'self'; frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The policy of every other UI file (scripts, styles): nothing may run if one is opened as a page. */
export const UI_ASSET_POLICY = "default-src 'none'; sandbox";

export const newNonce = () => randomBytes(18).toString('base64');

/**
 * The built index.html with `nonce` on each of its script tags. The page's module imports
 * inherit the nonce; nothing else on the origin can run as a script of the page.
 */
export function withScriptNonce(html: string, nonce: string): string {
  return html.replace(/<script\b/gi, `<script nonce="${nonce}"`);
}

/** The page to send for the UI's entry file, with its policy. */
export function uiEntryPage(html: string): { body: string; policy: string } {
  const nonce = newNonce();
  return { body: withScriptNonce(html, nonce), policy: uiPagePolicy(nonce) };
}
