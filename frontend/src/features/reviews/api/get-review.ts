import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/** Everything the review page shows, in one request. */
export const REVIEW_INCLUDE = 'recommendations,decisions,action_plan';

export const reviewQuery = (id: string) =>
  queryOptions({
    queryKey: ['reviews', 'detail', id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/reviews/{id}', {
          params: { path: { id }, query: { include: REVIEW_INCLUDE } },
          signal,
        }),
      ),
  });

/** The review; not asked for while `id` is empty (a page still finding out which review). */
export function useReview(id: string) {
  return useQuery({ ...reviewQuery(id), enabled: id !== '' });
}
