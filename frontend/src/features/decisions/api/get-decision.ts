import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

export const decisionQuery = (id: string) =>
  queryOptions({
    queryKey: ['decisions', 'detail', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/decisions/{id}', { params: { path: { id } }, signal })),
  });

export function useDecision(id: string) {
  return useQuery({ ...decisionQuery(id), enabled: id !== '' });
}
