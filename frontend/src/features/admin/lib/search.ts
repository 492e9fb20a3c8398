/** A list page's address: its filters and cursor in the query string, blank ones left out. */
export function listPath(base: string, values: Record<string, string>, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

/** `"true"`/`"false"` from a filter as a boolean query parameter; anything else as absent. */
export function boolParam(value: string): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}
