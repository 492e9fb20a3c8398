import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

export const organisationsQuery = () =>
  queryOptions({
    queryKey: ['organisations', 'all'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 200 } }, signal })),
    staleTime: 5 * 60_000,
  });

/** The organisations, for the "responsible organisation" filter. */
export function useOrganisations() {
  return useQuery(organisationsQuery());
}
