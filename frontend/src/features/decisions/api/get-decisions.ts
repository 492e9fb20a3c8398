import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';

export type DecisionsQuery = NonNullable<paths['/api/v1/decisions']['get']['parameters']['query']>;

export const decisionsQuery = (query: DecisionsQuery) =>
  queryOptions({
    queryKey: ['decisions', 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/decisions', { params: { query }, signal })),
  });

/** One page of the decisions the user may see, latest meeting first. */
export function useDecisions(query: DecisionsQuery) {
  return useQuery({ ...decisionsQuery(query), placeholderData: keepPreviousData });
}

export const reviewDecisionsQuery = (reviewId: string) =>
  queryOptions({
    queryKey: ['decisions', 'review', reviewId],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/reviews/{review_id}/decisions', {
          // A review has a decision or two: they all fit one page.
          params: { path: { review_id: reviewId }, query: { limit: 200 } },
          signal,
        }),
      ),
  });

/** A review's decisions, latest meeting first. */
export function useReviewDecisions(reviewId: string) {
  return useQuery({ ...reviewDecisionsQuery(reviewId), enabled: reviewId !== '' });
}
