import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

export const committeeQuery = (id: string) =>
  queryOptions({
    queryKey: ['committees', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/committees/{id}', { params: { path: { id } }, signal })),
    staleTime: 5 * 60_000,
  });

export function useCommittee(id: string | undefined) {
  return useQuery({ ...committeeQuery(id ?? ''), enabled: Boolean(id) });
}
