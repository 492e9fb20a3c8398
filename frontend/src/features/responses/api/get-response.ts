import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { responseKeys } from './keys';

export function fetchResponse(id: string, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/statutory-responses/{id}', { params: { path: { id } }, signal }));
}

export const responseQuery = (id: string) =>
  queryOptions({
    queryKey: responseKeys.detail(id),
    queryFn: ({ signal }) => fetchResponse(id, signal),
  });

/** One response with its answers, recommendation by recommendation. */
export function useResponse(id: string) {
  return useQuery({ ...responseQuery(id), enabled: id !== '' });
}

export const responseHistoryQuery = (id: string, cursor: string | null) =>
  queryOptions({
    queryKey: responseKeys.history(id, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/statutory-responses/{id}/history', {
          params: { path: { id }, query: cursor ? { limit: 20, cursor } : { limit: 20 } },
          signal,
        }),
      ),
  });

/** The response's changes, receipt and publication, newest first. */
export function useResponseHistory(id: string, cursor: string | null) {
  return useQuery({ ...responseHistoryQuery(id, cursor), placeholderData: keepPreviousData });
}
