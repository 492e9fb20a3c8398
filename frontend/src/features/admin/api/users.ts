import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, isProblem, unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { CreateUser, SetPassword, UpdateUser, User } from '@/api/types';
import { adminKeys, etagOf } from './keys';

export type UsersQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;

/** One page of users, by name (admins only). */
export function useUsers(query: UsersQuery) {
  return useQuery({
    queryKey: adminKeys.userList(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: adminKeys.user(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: (user) => {
      queryClient.setQueryData(adminKeys.user(user.id), user);
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
}

/** Changes a user on condition that nobody has changed them since `version` (412 otherwise). */
export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateUser }) =>
      unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: (user: User) => {
      queryClient.setQueryData(adminKeys.user(id), user);
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
      void queryClient.invalidateQueries({ queryKey: adminKeys.contacts });
    },
  });
}

/** Sets a user's password; the API signs them out everywhere. Answers 204. */
export function useSetPassword(id: string) {
  return useMutation({
    mutationFn: async (body: SetPassword) => {
      const { error, response } = await api.PUT('/api/v1/users/{id}/password', { params: { path: { id } }, body });
      if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
    },
  });
}
