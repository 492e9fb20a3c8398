// The one API client. Types come from `schema.d.ts`, generated from ../openapi/openapi.json
// (`npm run generate`; `npm run check:api` fails when it is stale). Never edit that file.
import createClient, { type Middleware } from 'openapi-fetch';
import { endSession, getSession, renewSession } from '@/lib/session';
import type { paths } from './schema';

/** Refresh this long before the access token expires, to allow for clock skew and latency. */
const EXPIRY_MARGIN_MS = 30_000;
const AUTH_PATHS = new Set(['/api/v1/auth/token', '/api/v1/auth/revoke']);

function baseUrl(): string {
  // Same origin: the server serves the app and the API; the dev server proxies /api.
  return globalThis.location?.origin ?? 'http://localhost';
}

// Looked up at call time, so that tests can replace `fetch`.
const lateFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

/** Without the auth middleware: for signing in, refreshing and signing out, and open data (no token). */
export const authClient = createClient<paths>({ baseUrl: baseUrl(), fetch: lateFetch });

let inFlight: Promise<string | null> | null = null;

/**
 * Exchanges the refresh token for a new pair, once at a time across every tab (Web Locks where
 * the browser has them). Answers the new access token, or null when the session cannot go on.
 * `stale` is the access token the caller holds: when another request or tab has already
 * replaced it, that newer token is answered without asking the server again.
 */
export function refreshAccessToken(stale: string | null): Promise<string | null> {
  const run = async (): Promise<string | null> => {
    const current = getSession();
    if (!current) return null;
    if (current.accessToken !== stale && current.expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
      return current.accessToken;
    }
    if (!current.refreshToken) return null;
    try {
      const { data } = await authClient.POST('/api/v1/auth/token', {
        body: { grant_type: 'refresh_token', refresh_token: current.refreshToken },
      });
      if (!data) return null;
      return renewSession(data).accessToken;
    } catch {
      return null;
    }
  };
  const locks = globalThis.navigator?.locks;
  if (locks) {
    // `request` resolves with what the callback's promise resolves with.
    const viaLock = async () => await locks.request('scrutiny-token-refresh', run);
    return viaLock();
  }
  inFlight ??= run().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

function bearer(request: Request): string | null {
  const header = request.headers.get('Authorization');
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
}

/** Copies of authenticated requests, to send again after a refresh (a body is read once). */
const pending = new Map<string, Request>();

/**
 * Sends the access token, refreshing it first when it is about to expire. On a 401 it refreshes
 * once and repeats the request; when that fails too, the session ends and the app asks the user
 * to sign in again.
 */
export const authMiddleware: Middleware = {
  async onRequest({ request, schemaPath, id }) {
    if (AUTH_PATHS.has(schemaPath)) return undefined;
    const session = getSession();
    if (!session) return undefined;
    let token: string | null = session.accessToken;
    if (session.expiresAt - EXPIRY_MARGIN_MS <= Date.now()) {
      token = await refreshAccessToken(session.accessToken);
      if (!token) {
        endSession('expired');
        return undefined;
      }
    }
    request.headers.set('Authorization', `Bearer ${token}`);
    pending.set(id, request.clone());
    return request;
  },
  async onResponse({ request, response, id, options }) {
    const copy = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !copy) return undefined;
    const token = await refreshAccessToken(bearer(request));
    if (!token) {
      endSession('expired');
      return undefined;
    }
    copy.headers.set('Authorization', `Bearer ${token}`);
    const again = await options.fetch(copy);
    if (again.status === 401) endSession('expired');
    return again;
  },
  onError({ id }) {
    pending.delete(id);
    return undefined;
  },
};

export const api = createClient<paths>({ baseUrl: baseUrl(), fetch: lateFetch });
api.use(authMiddleware);
