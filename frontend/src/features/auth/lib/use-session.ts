import { useSyncExternalStore } from 'react';
import { getSession, subscribe, type Session } from '@/lib/session';

/** The signed-in session, re-rendering when it starts, is refreshed or ends (in any tab). */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, () => null);
}
