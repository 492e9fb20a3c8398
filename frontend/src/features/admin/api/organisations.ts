import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { CreateOrganisation, Organisation, UpdateOrganisation } from '@/api/types';
import { adminKeys, etagOf } from './keys';

export type OrganisationsQuery = NonNullable<paths['/api/v1/organisations']['get']['parameters']['query']>;

/** One page of organisations, by name (everyone signed in reads them). */
export function useOrganisations(query: OrganisationsQuery) {
  return useQuery({
    queryKey: adminKeys.organisationList(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organisations', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Every organisation, for choosing one in a form and naming them in tables. A council works with
 * a few dozen at most: the largest page holds them.
 */
export function useAllOrganisations() {
  return useQuery({
    queryKey: adminKeys.organisationList({ limit: 200 }),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 200 } }, signal })),
    staleTime: 5 * 60_000,
    select: (page) => page.items,
  });
}

/** Organisation names by id. */
export function useOrganisationNames(): ReadonlyMap<string, string> {
  const { data } = useAllOrganisations();
  return new Map((data ?? []).map((o: Organisation) => [o.id, o.name]));
}

export function useOrganisation(id: string) {
  return useQuery({
    queryKey: adminKeys.organisation(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganisation) => unwrap(api.POST('/api/v1/organisations', { body })),
    onSuccess: (organisation) => {
      queryClient.setQueryData(adminKeys.organisation(organisation.id), organisation);
      void queryClient.invalidateQueries({ queryKey: adminKeys.organisations });
    },
  });
}

export function useUpdateOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateOrganisation }) =>
      unwrap(
        api.PATCH('/api/v1/organisations/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: (organisation) => {
      queryClient.setQueryData(adminKeys.organisation(id), organisation);
      void queryClient.invalidateQueries({ queryKey: adminKeys.organisations });
      // The name shows in the header of its own staff.
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
