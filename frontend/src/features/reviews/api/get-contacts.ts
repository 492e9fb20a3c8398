import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

export const contactsQuery = () =>
  queryOptions({
    queryKey: ['contacts', 'all'],
    // Officers choose among the council's and partners' contacts: the largest page holds them.
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contacts', { params: { query: { limit: 200 } }, signal })),
    staleTime: 5 * 60_000,
  });

/** The contacts who may be a review's scrutiny officer or link officers. */
export function useContacts(enabled = true) {
  return useQuery({ ...contactsQuery(), enabled });
}
