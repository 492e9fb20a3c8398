import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';

export type ReviewsQuery = NonNullable<paths['/api/v1/reviews']['get']['parameters']['query']>;

export const reviewsQuery = (query: ReviewsQuery) =>
  queryOptions({
    queryKey: ['reviews', 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reviews', { params: { query }, signal })),
  });

/** One page of reviews; the previous page stays on screen while the next one loads. */
export function useReviews(query: ReviewsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({ ...reviewsQuery(query), placeholderData: keepPreviousData, ...options });
}
