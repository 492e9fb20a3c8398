import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authClient } from '@/api/client';
import { endSession, getSession } from '@/lib/session';

/** Revokes the session on the server (best effort) and forgets it here whatever the answer. */
export async function signOut(): Promise<void> {
  const refreshToken = getSession()?.refreshToken;
  try {
    if (refreshToken) {
      await authClient.POST('/api/v1/auth/revoke', { body: { refresh_token: refreshToken } });
    }
  } finally {
    endSession('signed-out');
  }
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => queryClient.clear(),
  });
}
