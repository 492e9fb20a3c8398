import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { planKeys } from './keys';

const PAGE = 20;

export const planHistoryQuery = (planId: string, cursor: string | null) =>
  queryOptions({
    queryKey: planKeys.history(planId, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/action-plans/{id}/history', {
          params: { path: { id: planId }, query: cursor ? { limit: PAGE, cursor } : { limit: PAGE } },
          signal,
        }),
      ),
  });

/** One page of the plan's changes, newest first. */
export function usePlanHistory(planId: string, cursor: string | null) {
  return useQuery({ ...planHistoryQuery(planId, cursor), placeholderData: keepPreviousData });
}

export const amendmentsQuery = (planId: string, cursor: string | null) =>
  queryOptions({
    queryKey: planKeys.amendments(planId, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/action-plans/{id}/amendments', {
          params: { path: { id: planId }, query: cursor ? { limit: PAGE, cursor } : { limit: PAGE } },
          signal,
        }),
      ),
  });

/** One page of the plan's amendments, oldest first. */
export function useAmendments(planId: string, cursor: string | null, enabled: boolean) {
  return useQuery({ ...amendmentsQuery(planId, cursor), placeholderData: keepPreviousData, enabled });
}

/** An action's changes, newest first, a page at a time ("Show older changes"). */
export function useActionHistory(actionId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: planKeys.actionHistory(actionId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/actions/{id}/history', {
          params: { path: { id: actionId }, query: pageParam ? { limit: PAGE, cursor: pageParam } : { limit: PAGE } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? null,
    enabled,
  });
}
