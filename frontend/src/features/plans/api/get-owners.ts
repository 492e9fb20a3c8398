import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { Contact, Organisation } from '@/api/types';
import { planKeys } from './keys';

/** Every page of a list, up to `maxPages` pages of 200. */
async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null }>,
  maxPages = 10,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i += 1) {
    const { items, next_cursor } = await page(cursor);
    out.push(...items);
    if (!next_cursor) break;
    cursor = next_cursor;
  }
  return out;
}

export const organisationsQuery = () =>
  queryOptions({
    queryKey: planKeys.organisations(),
    queryFn: ({ signal }): Promise<Organisation[]> =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/organisations', {
            params: { query: cursor ? { limit: 200, cursor } : { limit: 200 } },
            signal,
          }),
        ),
      ),
    staleTime: 5 * 60_000,
  });

export const contactsQuery = () =>
  queryOptions({
    queryKey: planKeys.contacts(),
    queryFn: ({ signal }): Promise<Contact[]> =>
      allPages((cursor) =>
        unwrap(
          api.GET('/api/v1/contacts', {
            params: { query: cursor ? { limit: 200, cursor } : { limit: 200 } },
            signal,
          }),
        ),
      ),
    staleTime: 5 * 60_000,
  });

/** The organisations that may own an action. */
export function useOrganisations() {
  return useQuery(organisationsQuery());
}

/** The named people (contacts) who may own an action. */
export function useContacts() {
  return useQuery(contactsQuery());
}
