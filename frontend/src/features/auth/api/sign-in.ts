import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authClient } from '@/api/client';
import { unwrap } from '@/api/problem';
import { startSession } from '@/lib/session';

export type Credentials = { email: string; password: string };

export async function signIn({ email, password }: Credentials) {
  const tokens = await unwrap(
    authClient.POST('/api/v1/auth/token', {
      body: { grant_type: 'password', email, password },
    }),
  );
  return startSession(tokens);
}

/** Signs in with the password grant; answers `ApiError` (401, 422, 429…) on failure. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    // Nothing cached for a previous user survives a new sign-in.
    onSuccess: () => queryClient.clear(),
  });
}
