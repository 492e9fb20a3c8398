import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { progressKeys } from './keys';

export type EntriesQuery = NonNullable<paths['/api/v1/progress-entries']['get']['parameters']['query']>;

export const entriesQuery = (query: EntriesQuery) =>
  queryOptions({
    queryKey: progressKeys.entries(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/progress-entries', { params: { query }, signal })),
  });

/**
 * One page of the progress updates the user may see across reviews, oldest first: a partner its
 * organisation's, council staff their council's, viewers the accepted ones.
 */
export function useEntries(query: EntriesQuery) {
  return useQuery({ ...entriesQuery(query), placeholderData: keepPreviousData });
}
