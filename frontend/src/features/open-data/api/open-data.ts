// Open data: what councils publish anyway (published reviews, their recommendations with the
// grades the committee accepted, Cabinet's published decisions, agreed action plans), read
// without signing in. Asked for with the client that sends no token (`authClient`): the answers
// are the same for everyone, and an expired session must not get in a resident's way.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { authClient } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { DownloadSource } from '@/features/documents/api/download';
import { decodeCouncils, decodeReview, decodeReviews } from '../lib/decode';

export type OpenReviewsQuery = NonNullable<paths['/api/v1/open/reviews']['get']['parameters']['query']>;

export const openDataKeys = {
  all: ['open-data'] as const,
  councils: () => [...openDataKeys.all, 'councils'] as const,
  reviews: (query: OpenReviewsQuery) => [...openDataKeys.all, 'reviews', query] as const,
  review: (id: string) => [...openDataKeys.all, 'review', id] as const,
};

/** The server caches these answers for five minutes; so does the page. */
const FIVE_MINUTES = 5 * 60_000;

export const openCouncilsQuery = () =>
  queryOptions({
    queryKey: openDataKeys.councils(),
    queryFn: async ({ signal }) => decodeCouncils(await unwrap(authClient.GET('/api/v1/open/councils', { signal }))),
    staleTime: FIVE_MINUTES,
  });

/** The councils, each with how many reviews it publishes. */
export function useOpenCouncils() {
  return useQuery(openCouncilsQuery());
}

export const openReviewsQuery = (query: OpenReviewsQuery) =>
  queryOptions({
    queryKey: openDataKeys.reviews(query),
    queryFn: async ({ signal }) =>
      decodeReviews(await unwrap(authClient.GET('/api/v1/open/reviews', { params: { query }, signal }))),
    staleTime: FIVE_MINUTES,
  });

/** One page of published reviews (of one council, or of all), by title. */
export function useOpenReviews(query: OpenReviewsQuery) {
  return useQuery({ ...openReviewsQuery(query), placeholderData: keepPreviousData });
}

export const openReviewQuery = (id: string) =>
  queryOptions({
    queryKey: openDataKeys.review(id),
    queryFn: async ({ signal }) =>
      decodeReview(await unwrap(authClient.GET('/api/v1/open/reviews/{id}', { params: { path: { id } }, signal }))),
    staleTime: FIVE_MINUTES,
  });

/** One published review; a 404 when it does not exist or is not published. */
export function useOpenReview(id: string) {
  return useQuery({ ...openReviewQuery(id), enabled: id !== '' });
}

/** The address of the published recommendations as CSV (of one council, or of all), for a link. */
export function openRecommendationsCsvPath(councilId?: string): string {
  return councilId
    ? `/api/v1/open/recommendations.csv?council_id=${encodeURIComponent(councilId)}`
    : '/api/v1/open/recommendations.csv';
}

/** The published recommendations as a CSV file (of one council, or of all), to save. */
export function openRecommendationsCsv(councilId?: string): DownloadSource {
  return {
    fallbackName: 'published-recommendations.csv',
    request: (signal) =>
      authClient.GET('/api/v1/open/recommendations.csv', {
        params: { query: councilId ? { council_id: councilId } : {} },
        parseAs: 'blob',
        signal,
      }),
  };
}
