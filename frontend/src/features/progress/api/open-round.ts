import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { NewProgressRound } from '@/api/types';
import { progressKeys } from './keys';

/** Opens a round: one draft entry per covered recommendation. */
export function useOpenRound(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProgressRound) =>
      unwrap(
        api.POST('/api/v1/reviews/{review_id}/progress-rounds', {
          params: { path: { review_id: reviewId } },
          body,
        }),
      ),
    onSuccess: (round) => {
      queryClient.setQueryData(progressKeys.round(round.id), round);
      // The review moves to "monitoring" and its rounds, the dashboard and inboxes change.
      void queryClient.invalidateQueries({ queryKey: progressKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['reviews'] });
    },
  });
}
