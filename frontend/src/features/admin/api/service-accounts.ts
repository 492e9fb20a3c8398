import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { CreateServiceAccount, ServiceAccountCredentials, UpdateServiceAccount } from '@/api/types';
import { adminKeys, etagOf } from './keys';

export type ServiceAccountsQuery = NonNullable<paths['/api/v1/service-accounts']['get']['parameters']['query']>;

export function useServiceAccounts(query: ServiceAccountsQuery) {
  return useQuery({
    queryKey: adminKeys.serviceAccountList(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/service-accounts', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useServiceAccount(id: string) {
  return useQuery({
    queryKey: adminKeys.serviceAccount(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/service-accounts/{id}', { params: { path: { id } }, signal })),
  });
}

/** The answer holds the client secret: it is never cached, only handed to the caller. */
export function useCreateServiceAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateServiceAccount) => unwrap(api.POST('/api/v1/service-accounts', { body })),
    onSuccess: ({ account }: ServiceAccountCredentials) => {
      queryClient.setQueryData(adminKeys.serviceAccount(account.id), account);
      void queryClient.invalidateQueries({ queryKey: adminKeys.serviceAccounts });
    },
  });
}

export function useUpdateServiceAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateServiceAccount }) =>
      unwrap(
        api.PATCH('/api/v1/service-accounts/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: (account) => {
      queryClient.setQueryData(adminKeys.serviceAccount(id), account);
      void queryClient.invalidateQueries({ queryKey: adminKeys.serviceAccounts });
    },
  });
}

/** A new client secret; the old one stops working at once. */
export function useRotateSecret(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/service-accounts/{id}/secret', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
        }),
      ),
    onSuccess: ({ account }: ServiceAccountCredentials) => {
      queryClient.setQueryData(adminKeys.serviceAccount(id), account);
      void queryClient.invalidateQueries({ queryKey: adminKeys.serviceAccounts });
    },
  });
}
