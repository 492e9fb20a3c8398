import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

export const roundEntriesQuery = (id: string) =>
  queryOptions({
    queryKey: progressKeys.roundEntries(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/progress-rounds/{id}/entries', { params: { path: { id } }, signal })),
  });

/** The round's entries the user may see, in the review's order. */
export function useRoundEntries(id: string) {
  return useQuery(roundEntriesQuery(id));
}
