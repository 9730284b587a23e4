/**
 * The two requests that bring browser mode a launch token. Neither throws: a network error is
 * a no, like a refusal.
 */

/** True when the server accepts `token` (checked with `app.info`, cheap and read-only). */
export async function tokenWorks(base: string, token: string, fetchImpl: typeof fetch): Promise<boolean> {
  try {
    const res = await fetchImpl(`${base}/rpc/app.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) return false;
    return ((await res.json()) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

/** The launch token for a one-time hand-off code (the desktop app's "Open in Browser"), or null. */
export async function redeemHandoff(base: string, code: string, fetchImpl: typeof fetch): Promise<string | null> {
  try {
    const res = await fetchImpl(`${base}/ui/handoff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    if (!res.ok) return null;
    const { token } = (await res.json()) as { token?: unknown };
    return typeof token === 'string' && token !== '' ? token : null;
  } catch {
    return null;
  }
}
