import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { CreateContact, UpdateContact } from '@/api/types';
import { adminKeys, etagOf } from './keys';

export type ContactsQuery = NonNullable<paths['/api/v1/contacts']['get']['parameters']['query']>;

export function useContacts(query: ContactsQuery) {
  return useQuery({
    queryKey: adminKeys.contactList(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contacts', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: adminKeys.contact(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateContact) => unwrap(api.POST('/api/v1/contacts', { body })),
    onSuccess: (contact) => {
      queryClient.setQueryData(adminKeys.contact(contact.id), contact);
      void queryClient.invalidateQueries({ queryKey: adminKeys.contacts });
    },
  });
}

export function useUpdateContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateContact }) =>
      unwrap(
        api.PATCH('/api/v1/contacts/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: (contact) => {
      queryClient.setQueryData(adminKeys.contact(id), contact);
      void queryClient.invalidateQueries({ queryKey: adminKeys.contacts });
    },
  });
}
