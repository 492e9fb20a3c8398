import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

export const committeeHistoryQuery = (id: string, cursor: string | null) =>
  queryOptions({
    queryKey: ['committees', 'history', id, cursor],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/committees/{id}/history', {
          params: { path: { id }, query: cursor ? { limit: 20, cursor } : { limit: 20 } },
          signal,
        }),
      ),
  });

/** One page of a committee's changes, newest first: corrections, and its renaming or replacement. */
export function useCommitteeHistory(id: string, cursor: string | null) {
  return useQuery({ ...committeeHistoryQuery(id, cursor), placeholderData: keepPreviousData });
}
