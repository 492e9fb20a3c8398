import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

export const inboxQuery = (cursor: string | null, limit = 50) =>
  queryOptions({
    queryKey: [...progressKeys.inbox(cursor), limit],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/me/inbox', {
          params: { query: cursor ? { limit, cursor } : { limit } },
          signal,
        }),
      ),
  });

/** What the user's organisation still owes: drafts and returned entries of open rounds. */
export function useInbox(cursor: string | null, limit?: number) {
  return useQuery({ ...inboxQuery(cursor, limit), placeholderData: keepPreviousData });
}
