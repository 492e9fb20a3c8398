import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
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

export const decisionHistoryPageQuery = (id: string, cursor: string | null) =>
  queryOptions({
    queryKey: ['decisions', 'history', id, 'page', cursor],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/decisions/{id}/history', {
          params: { path: { id }, query: cursor ? { limit: 20, cursor } : { limit: 20 } },
          signal,
        }),
      ),
  });

/** One page of every change to the decision, newest first, for its own page. */
export function useDecisionHistoryPage(id: string, cursor: string | null) {
  return useQuery({ ...decisionHistoryPageQuery(id, cursor), placeholderData: keepPreviousData });
}
