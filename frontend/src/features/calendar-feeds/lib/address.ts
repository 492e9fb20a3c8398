/** The feed's full address on this server, from the path the API gives (`/api/v1/calendar-feeds/cal_….ics`). */
export function feedAddress(path: string, origin: string = globalThis.location?.origin ?? ''): string {
  return `${origin}${path}`;
}

/** The feed's token from its path, to download its dates now; null when the path is not one. */
export function feedToken(path: string): string | null {
  const m = /\/calendar-feeds\/([^/]+)\.ics$/.exec(path);
  return m ? decodeURIComponent(m[1]!) : null;
}
