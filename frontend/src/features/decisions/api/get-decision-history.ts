import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

export const decisionHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: ['decisions', 'history', id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/decisions/{id}/history', {
          // A decision has few changes: its whole story fits one page.
          params: { path: { id }, query: { limit: 200 } },
          signal,
        }),
      ),
  });

/** The decision's changes, newest first: its recording, edits and call-in moves. */
export function useDecisionHistory(id: string) {
  return useQuery(decisionHistoryQuery(id));
}
