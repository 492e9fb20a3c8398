import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

export const reviewRoundsQuery = (reviewId: string) =>
  queryOptions({
    queryKey: progressKeys.reviewRounds(reviewId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/reviews/{review_id}/progress-rounds', {
          params: { path: { review_id: reviewId } },
          signal,
        }),
      ),
    select: (page) => page.items,
  });

/** A review's progress rounds, first first, with their entry counts. */
export function useReviewRounds(reviewId: string) {
  return useQuery(reviewRoundsQuery(reviewId));
}
