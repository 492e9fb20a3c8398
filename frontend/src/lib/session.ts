// The signed-in session: the access token, the refresh token and when the access token expires
// (and, after a sign-in with a council's identity provider, where signing out ends that too).
// Kept in localStorage so that every tab of the app shares one session (refresh tokens rotate
// and work once: two tabs refreshing with the same token would end the session), with changes
// from other tabs picked up through `storage` events.
import type { TokenResponse } from '@/api/types';

export type Session = {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /**
   * After a sign-in with a council's identity provider: the provider's address that ends its
   * session too, visited after signing out here. Null after a password sign-in.
   */
  readonly logoutUrl: string | null;
};

/** Why the last session ended, for the sign-in page to say so. */
export type EndReason = 'signed-out' | 'expired';

const KEY = 'scrutiny.session';
const END_KEY = 'scrutiny.session-ended';

type Listener = () => void;
const listeners = new Set<Listener>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Session>;
    if (typeof v.accessToken !== 'string' || typeof v.expiresAt !== 'number') return null;
    return {
      accessToken: v.accessToken,
      refreshToken: typeof v.refreshToken === 'string' ? v.refreshToken : null,
      expiresAt: v.expiresAt,
      logoutUrl: typeof v.logoutUrl === 'string' ? v.logoutUrl : null,
    };
  } catch {
    return null;
  }
}

/** The current session; the same object until it changes (for useSyncExternalStore). */
export function getSession(): Session | null {
  const raw = storage()?.getItem(KEY) ?? null;
  if (raw !== cached.raw) cached = { raw, session: parse(raw) };
  return cached.session;
}

function notify() {
  for (const listener of listeners) listener();
}

/** A new session: a sign-in, with a password or through a council's identity provider. */
export function startSession(tokens: TokenResponse, now: number = Date.now()): Session {
  return keep({
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
    expiresAt: now + tokens.expires_in * 1000,
    logoutUrl: tokens.logout_url ?? null,
  });
}

/**
 * New tokens for the session going on (a refresh, a changed password): it keeps what its sign-in
 * left, the identity provider's sign-out address.
 */
export function renewSession(tokens: TokenResponse, now: number = Date.now()): Session {
  return keep({
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
    expiresAt: now + tokens.expires_in * 1000,
    logoutUrl: tokens.logout_url ?? getSession()?.logoutUrl ?? null,
  });
}

function keep(session: Session): Session {
  const store = storage();
  store?.setItem(KEY, JSON.stringify(session));
  store?.removeItem(END_KEY);
  notify();
  return session;
}

export function endSession(reason: EndReason): void {
  const store = storage();
  const had = store?.getItem(KEY) !== null;
  store?.removeItem(KEY);
  if (had) store?.setItem(END_KEY, reason);
  notify();
}

/** Why the previous session ended, if it did; read once by the sign-in page. */
export function lastEndReason(): EndReason | null {
  const v = storage()?.getItem(END_KEY);
  return v === 'signed-out' || v === 'expired' ? v : null;
}

export function clearEndReason(): void {
  storage()?.removeItem(END_KEY);
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === KEY) listener();
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}
