import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { recommendationKeys } from './keys';

export const recommendationQuery = (id: string) =>
  queryOptions({
    queryKey: recommendationKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/recommendations/{id}', { params: { path: { id } }, signal })),
  });

export function useRecommendation(id: string) {
  return useQuery({ ...recommendationQuery(id), enabled: id !== '' });
}

export const partQuery = (id: string) =>
  queryOptions({
    queryKey: recommendationKeys.part(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/recommendation-parts/{id}', { params: { path: { id } }, signal })),
  });

export function usePart(id: string) {
  return useQuery({ ...partQuery(id), enabled: id !== '' });
}

export const recommendationHistoryQuery = (id: string, cursor: string | null) =>
  queryOptions({
    queryKey: recommendationKeys.history(id, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/recommendations/{id}/history', {
          params: { path: { id }, query: cursor ? { limit: 20, cursor } : { limit: 20 } },
          signal,
        }),
      ),
  });

/** The recommendation's changes, newest first, a page at a time. */
export function useRecommendationHistory(id: string, cursor: string | null) {
  return useQuery({ ...recommendationHistoryQuery(id, cursor), placeholderData: keepPreviousData });
}

export const partHistoryQuery = (id: string, cursor: string | null) =>
  queryOptions({
    queryKey: recommendationKeys.partHistory(id, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/recommendation-parts/{id}/history', {
          params: { path: { id }, query: cursor ? { limit: 20, cursor } : { limit: 20 } },
          signal,
        }),
      ),
  });

/** One part's changes, newest first, a page at a time. */
export function usePartHistory(id: string, cursor: string | null) {
  return useQuery({ ...partHistoryQuery(id, cursor), placeholderData: keepPreviousData, enabled: id !== '' });
}
