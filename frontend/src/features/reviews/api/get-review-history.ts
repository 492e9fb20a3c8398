import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

const PAGE = 20;

export const reviewHistoryQuery = (id: string, cursor: string | null) =>
  queryOptions({
    queryKey: ['reviews', 'history', id, cursor],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/reviews/{id}/history', {
          params: { path: { id }, query: cursor ? { limit: PAGE, cursor } : { limit: PAGE } },
          signal,
        }),
      ),
  });

/** One page of the review's changes, newest first: its details and each status it moved to. */
export function useReviewHistory(id: string, cursor: string | null) {
  return useQuery({ ...reviewHistoryQuery(id, cursor), placeholderData: keepPreviousData });
}
