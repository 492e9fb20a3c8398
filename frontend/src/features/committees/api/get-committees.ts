import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { Committee } from '@/api/types';

export const committeesQuery = () =>
  queryOptions({
    queryKey: ['committees'],
    // Councils have a handful of committees: one page of the largest size holds them all.
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/committees', { params: { query: { limit: 200 } }, signal })),
    staleTime: 5 * 60_000,
  });

export function useCommittees() {
  return useQuery(committeesQuery());
}

/** Committee names by id, for tables of reviews. */
export function useCommitteeNames(): ReadonlyMap<string, string> {
  const { data } = useCommittees();
  return new Map((data?.items ?? []).map((c: Committee) => [c.id, c.name]));
}
