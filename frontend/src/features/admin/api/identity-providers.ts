// Identity providers: the OpenID Connect providers a council's people sign in with, each a button
// on the sign-in page, with the rules that give roles from the provider's claims. Their client
// secrets are written, never read back.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, isProblem, unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { CreateIdentityProvider, UpdateIdentityProvider } from '@/api/types';
import { SIGN_IN_OPTIONS_KEY } from '@/features/auth/api/sign-in-options';
import { adminKeys, etagOf } from './keys';

export type IdentityProvidersQuery = NonNullable<paths['/api/v1/identity-providers']['get']['parameters']['query']>;

export function useIdentityProviders(query: IdentityProvidersQuery) {
  return useQuery({
    queryKey: adminKeys.identityProviderList(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/identity-providers', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useIdentityProvider(id: string) {
  return useQuery({
    queryKey: adminKeys.identityProvider(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/identity-providers/{id}', { params: { path: { id } }, signal })),
    enabled: id !== '',
  });
}

export function useCreateIdentityProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIdentityProvider) =>
      unwrap(
        api.POST('/api/v1/identity-providers', {
          headers: { 'Idempotency-Key': crypto.randomUUID() },
          body,
        }),
      ),
    onSuccess: (provider) => {
      queryClient.setQueryData(adminKeys.identityProvider(provider.id), provider);
      void queryClient.invalidateQueries({ queryKey: adminKeys.identityProviders });
      // The sign-in page's buttons.
      void queryClient.invalidateQueries({ queryKey: SIGN_IN_OPTIONS_KEY });
    },
  });
}

/** Changes its button, issuer, client, scopes, rules, whether it makes accounts, its domains, or turns it off. */
export function useUpdateIdentityProvider(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateIdentityProvider }) =>
      unwrap(
        api.PATCH('/api/v1/identity-providers/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: (provider) => {
      queryClient.setQueryData(adminKeys.identityProvider(id), provider);
      void queryClient.invalidateQueries({ queryKey: adminKeys.identityProviders });
      void queryClient.invalidateQueries({ queryKey: SIGN_IN_OPTIONS_KEY });
    },
  });
}

/** Removes it: its people keep their accounts (and their passwords, if any). */
export function useRemoveIdentityProvider(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (version: number) => {
      const { error, response } = await api.DELETE('/api/v1/identity-providers/{id}', {
        params: { path: { id }, header: { 'If-Match': etagOf(version) } },
      });
      if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: adminKeys.identityProvider(id), exact: true });
      void queryClient.invalidateQueries({ queryKey: [...adminKeys.identityProviders, 'list'] });
      void queryClient.invalidateQueries({ queryKey: SIGN_IN_OPTIONS_KEY });
    },
  });
}
