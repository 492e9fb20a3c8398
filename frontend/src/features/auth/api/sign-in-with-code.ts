import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authClient } from '@/api/client';
import { unwrap } from '@/api/problem';
import { startSession } from '@/lib/session';

/**
 * Trades the one-time code a sign-in with a council's identity provider left in `/signin/sso`
 * for a session, kept as a password sign-in's is, with the provider's sign-out address.
 */
export async function signInWithCode(code: string) {
  const tokens = await unwrap(
    authClient.POST('/api/v1/auth/token', {
      body: { grant_type: 'authorization_code', code },
    }),
  );
  return startSession(tokens);
}

/** Signs in with the authorization code grant; answers `ApiError` (401: used or too old) on failure. */
export function useSignInWithCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signInWithCode,
    // Nothing cached for a previous user survives a new sign-in.
    onSuccess: () => queryClient.clear(),
  });
}
