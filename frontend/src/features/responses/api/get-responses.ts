import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { responseKeys, type ResponsesQuery } from './keys';

export const responsesQuery = (query: ResponsesQuery) =>
  queryOptions({
    queryKey: responseKeys.list(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/statutory-responses', { params: { query }, signal })),
  });

/** A page of the responses the user may see, soonest due first. */
export function useResponses(query: ResponsesQuery) {
  return useQuery({ ...responsesQuery(query), placeholderData: keepPreviousData });
}
