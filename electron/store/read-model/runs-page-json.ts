/** A search_runs answer from the runs' JSON texts: `runs` and `next_page_token` when present, as the object path serialises it. */
export function runsPageJson(runTexts: readonly string[], nextPageToken?: string): string {
  const parts: string[] = [];
  if (runTexts.length) parts.push(`"runs":[${runTexts.join(',')}]`);
  if (nextPageToken) parts.push(`"next_page_token":${JSON.stringify(nextPageToken)}`);
  return `{${parts.join(',')}}`;
}
