// Changing an open round: its details, and the recommendations it covers.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, isProblem, unwrap } from '@/api/problem';
import type { AddRoundEntry, UpdateProgressRound } from '@/api/types';
import { etagOf, progressKeys } from './keys';

/** Changes the round's name, deadline, meeting date or minute, if nobody has changed it since `version`. */
export function useUpdateRound(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateProgressRound }) =>
      unwrap(
        api.PATCH('/api/v1/progress-rounds/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: (round) => {
      queryClient.setQueryData(progressKeys.round(id), round);
      // Deadlines show on entries, inboxes and the dashboard.
      void queryClient.invalidateQueries({ queryKey: progressKeys.all });
    },
  });
}

/** Adds a recommendation (or one of its parts) to the open round: a new draft for whoever reports. */
export function useAddRoundEntry(roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddRoundEntry) =>
      unwrap(
        api.POST('/api/v1/progress-rounds/{id}/entries', {
          params: { path: { id: roundId } },
          // A retry of the same click is answered with the first response.
          headers: { 'Idempotency-Key': crypto.randomUUID() },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: progressKeys.all }),
  });
}

/** Removes an untouched draft from its round (a recommendation added by mistake). */
export function useRemoveEntry(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { error, response } = await api.DELETE('/api/v1/progress-entries/{id}', { params: { path: { id } } });
      if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
    },
    onSuccess: () =>
      // Its round, lists and counts change; the entry itself is gone (its page is left at once).
      void queryClient.invalidateQueries({
        queryKey: progressKeys.all,
        predicate: (q) => !(q.queryKey[1] === 'entry' && q.queryKey[2] === id),
      }),
  });
}
