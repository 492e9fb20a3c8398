import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

export function fetchEntry(id: string, signal?: AbortSignal) {
  return unwrap(api.GET('/api/v1/progress-entries/{id}', { params: { path: { id } }, signal }));
}

export const entryQuery = (id: string) =>
  queryOptions({
    queryKey: progressKeys.entry(id),
    queryFn: ({ signal }) => fetchEntry(id, signal),
  });

export function useEntry(id: string) {
  return useQuery(entryQuery(id));
}
