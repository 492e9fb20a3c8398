import type { QueryClient } from '@tanstack/react-query';
import type { paths } from '@/api/schema';

export type RecommendationsQuery = NonNullable<paths['/api/v1/recommendations']['get']['parameters']['query']>;
/** The orders the list can be asked for (`sort`). */
export type RecommendationSort = NonNullable<RecommendationsQuery['sort']>;

/** Query keys of recommendations, so that a change refreshes every view of them. */
export const recommendationKeys = {
  all: ['recommendations'] as const,
  list: (query: RecommendationsQuery) => ['recommendations', 'list', query] as const,
  detail: (id: string) => ['recommendations', 'detail', id] as const,
  history: (id: string, cursor: string | null) => ['recommendations', 'history', id, cursor] as const,
  part: (id: string) => ['recommendations', 'part', id] as const,
  partHistory: (id: string, cursor: string | null) => ['recommendations', 'part-history', id, cursor] as const,
};

/** After a write: the recommendation's own views, and the review page that lists it. */
export function invalidateRecommendations(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: recommendationKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['reviews'] });
}
