import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

export const roundHistoryQuery = (id: string, cursor: string | null) =>
  queryOptions({
    queryKey: progressKeys.roundHistory(id, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/progress-rounds/{id}/history', {
          params: { path: { id }, query: cursor ? { limit: 20, cursor } : { limit: 20 } },
          signal,
        }),
      ),
  });

/** One page of a round's changes, newest first (council staff). */
export function useRoundHistory(id: string, cursor: string | null, enabled = true) {
  return useQuery({ ...roundHistoryQuery(id, cursor), placeholderData: keepPreviousData, enabled });
}
