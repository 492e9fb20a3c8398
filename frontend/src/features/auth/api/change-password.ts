import { useMutation } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { ChangePassword } from '@/api/types';
import { renewSession } from '@/lib/session';

/**
 * Changes the signed-in user's own password. The API ends every session that began before it
 * (here and on any other device) and answers with a new pair of tokens for this one, kept at once.
 */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePassword) => unwrap(api.PUT('/api/v1/me/password', { body })),
    onSuccess: (tokens) => void renewSession(tokens),
  });
}
