import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authClient } from '@/api/client';
import { browserLocation } from '@/lib/browser-location';
import { endSession, getSession } from '@/lib/session';

/**
 * Revokes the session on the server (best effort) and forgets it here whatever the answer. After
 * a sign-in with a council's identity provider, the browser then goes to the provider's sign-out
 * address, so that its session ends too (the provider sends it back to the sign-in page).
 * Answers whether the browser is leaving the app for it.
 */
export async function signOut(): Promise<boolean> {
  const session = getSession();
  const refreshToken = session?.refreshToken;
  const logoutUrl = session?.logoutUrl ?? null;
  try {
    if (refreshToken) {
      await authClient.POST('/api/v1/auth/revoke', { body: { refresh_token: refreshToken } });
    }
  } finally {
    // The provider's sign-out address goes with the session: it is used once, revoked or not.
    endSession('signed-out');
    if (logoutUrl) browserLocation.assign(logoutUrl);
  }
  return logoutUrl !== null;
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => queryClient.clear(),
  });
}
