import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

export const roundQuery = (id: string) =>
  queryOptions({
    queryKey: progressKeys.round(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/progress-rounds/{id}', { params: { path: { id } }, signal })),
  });

export function useRound(id: string) {
  return useQuery(roundQuery(id));
}
