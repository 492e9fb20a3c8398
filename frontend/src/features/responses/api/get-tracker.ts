import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { responseKeys } from './keys';

export const trackerQuery = (reviewId: string) =>
  queryOptions({
    queryKey: responseKeys.tracker(reviewId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/reviews/{review_id}/statutory-responses', {
          params: { path: { review_id: reviewId } },
          signal,
        }),
      ),
  });

/** A review's responses, and (for council staff) who must respond and has no response yet. */
export function useResponseTracker(reviewId: string) {
  return useQuery({ ...trackerQuery(reviewId), enabled: reviewId !== '' });
}
