import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

export const entryHistoryQuery = (id: string, cursor: string | null) =>
  queryOptions({
    queryKey: progressKeys.history(id, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/progress-entries/{id}/history', {
          params: { path: { id }, query: cursor ? { limit: 50, cursor } : { limit: 50 } },
          signal,
        }),
      ),
  });

/** The entry's changes and workflow steps, newest first. */
export function useEntryHistory(id: string, cursor: string | null) {
  return useQuery({ ...entryHistoryQuery(id, cursor), placeholderData: keepPreviousData });
}
