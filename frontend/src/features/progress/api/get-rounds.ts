import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { progressKeys } from './keys';

export type RoundsQuery = NonNullable<paths['/api/v1/progress-rounds']['get']['parameters']['query']>;

export const roundsQuery = (query: RoundsQuery) =>
  queryOptions({
    queryKey: progressKeys.rounds(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/progress-rounds', { params: { query }, signal })),
  });

/** One page of the progress rounds the user may see, by deadline. */
export function useRounds(query: RoundsQuery) {
  return useQuery({ ...roundsQuery(query), placeholderData: keepPreviousData });
}
