import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { planKeys, type ActionsQuery } from './keys';

export const actionsQuery = (query: ActionsQuery) =>
  queryOptions({
    queryKey: planKeys.actions(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/actions', { params: { query }, signal })),
  });

/** A page of actions across reviews (by plan and position), filtered by status and due dates. */
export function useActions(query: ActionsQuery) {
  return useQuery({ ...actionsQuery(query), placeholderData: keepPreviousData });
}
