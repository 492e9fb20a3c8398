import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { recommendationKeys, type RecommendationsQuery } from './keys';

export const recommendationsQuery = (query: RecommendationsQuery) =>
  queryOptions({
    queryKey: recommendationKeys.list(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/recommendations', { params: { query }, signal })),
  });

/** One page of recommendations across reviews; the previous page stays while the next loads. */
export function useRecommendations(query: RecommendationsQuery) {
  return useQuery({ ...recommendationsQuery(query), placeholderData: keepPreviousData });
}

export const reviewRecommendationsQuery = (reviewId: string) =>
  queryOptions({
    queryKey: [...recommendationKeys.all, 'review', reviewId] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/reviews/{review_id}/recommendations', {
          // A review has a handful of recommendations: they fit one page.
          params: { path: { review_id: reviewId }, query: { limit: 200 } },
          signal,
        }),
      ),
  });

/** A review's recommendations in order, with their parts and actions. */
export function useReviewRecommendations(reviewId: string) {
  return useQuery({ ...reviewRecommendationsQuery(reviewId), enabled: reviewId !== '' });
}
