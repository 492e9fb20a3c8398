import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { CreateCommittee, ReplaceCommittee, UpdateCommittee } from '@/api/types';
import { etagOf } from './keys';

export type CommitteesQuery = NonNullable<paths['/api/v1/committees']['get']['parameters']['query']>;

// The committees feature caches under ['committees', …]: writes here refresh those views too.
const COMMITTEES = ['committees'] as const;

export function useCommitteePage(query: CommitteesQuery) {
  return useQuery({
    queryKey: ['committees', 'admin-list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/committees', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateCommittee() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommittee) => unwrap(api.POST('/api/v1/committees', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: COMMITTEES }),
  });
}

export function useUpdateCommittee(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateCommittee }) =>
      unwrap(
        api.PATCH('/api/v1/committees/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: COMMITTEES }),
  });
}

/** Renames or replaces a committee: its successor is a new committee, linked to it. */
export function useReplaceCommittee(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: ReplaceCommittee }) =>
      unwrap(
        api.POST('/api/v1/committees/{id}/successor', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: COMMITTEES }),
  });
}
