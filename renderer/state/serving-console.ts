/**
 * The request console's pure parts: whether the typed body can be sent, the body shown back
 * pretty-printed, and which model URIs a model's page counts as its own.
 */

import type { InvokeContentType } from '../../shared/ipc/serving-types';

export const JSON_TYPE = 'application/json' satisfies InvokeContentType;
export const CSV_TYPE = 'text/csv' satisfies InvokeContentType;

/** Why the body cannot be sent as `contentType`; null when it can. */
export function bodyProblem(body: string, contentType: string): string | null {
  if (body.trim() === '') return 'The request body is empty.';
  if (!contentType.includes('json')) return null;
  try {
    JSON.parse(body);
    return null;
  } catch (e) {
    return `Not valid JSON: ${(e as Error).message}`;
  }
}

/** A response body as shown: JSON indented, anything else as it came. */
export function prettyBody(body: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true };
  } catch {
    return { text: body, json: false };
  }
}

/** The body reindented, when it is JSON (the editor's Format button); unchanged otherwise. */
export const formatJson = (body: string): string => {
  const p = prettyBody(body);
  return p.json ? p.text : body;
};

export const versionModelUri = (name: string, version: string) => `models:/${name}/${version}`;
export const aliasModelUri = (name: string, alias: string) => `models:/${name}@${alias}`;

/** Whether a server serves one of this registered model's versions or aliases. */
export const servesModel = (modelUri: string, name: string): boolean => modelUri.startsWith(`models:/${name}/`) || modelUri.startsWith(`models:/${name}@`);

/** A tidy status line for a response: "200 OK · 12 ms". */
export function statusLine(status: number, ms: number): string {
  const text: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 500: 'Internal Server Error', 503: 'Service Unavailable' };
  if (status === 0) return `no answer · ${Math.round(ms)} ms`;
  const ms1 = ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
  return `${status}${text[status] ? ` ${text[status]}` : ''} · ${ms1} ms`;
}
