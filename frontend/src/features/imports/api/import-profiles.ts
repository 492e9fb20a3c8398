// A council's import profiles: named column mappings (which column of a file is which field, the
// status words' grades, the committees' names) that trackers and unusual action plans are read
// through. Council staff keep them; PATCH and DELETE need the version last read (If-Match).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, isProblem, unwrap } from '@/api/problem';
import type { CreateImportProfile, ImportProfile, ImportProfileKind, UpdateImportProfile } from '@/api/types';
import { etagOf } from '@/features/admin/api/keys';

export const importProfileKeys = {
  all: ['import-profiles'] as const,
  list: (kind: ImportProfileKind | null) => ['import-profiles', 'list', kind] as const,
  profile: (id: string) => ['import-profiles', 'detail', id] as const,
};

/** The council's profiles (of one kind, or all): a council has a handful, so one page of the largest size. */
export function useImportProfiles(kind: ImportProfileKind | null) {
  return useQuery({
    queryKey: importProfileKeys.list(kind),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/import-profiles', {
          params: { query: kind ? { kind, limit: 200 } : { limit: 200 } },
          signal,
        }),
      ),
    select: (page) => page.items,
  });
}

export function useImportProfile(id: string) {
  return useQuery({
    queryKey: importProfileKeys.profile(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/import-profiles/{id}', { params: { path: { id } }, signal })),
    enabled: id !== '',
  });
}

function useSaved() {
  const queryClient = useQueryClient();
  return (profile: ImportProfile) => {
    queryClient.setQueryData(importProfileKeys.profile(profile.id), profile);
    void queryClient.invalidateQueries({ queryKey: [...importProfileKeys.all, 'list'] });
  };
}

export function useCreateImportProfile() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: CreateImportProfile) =>
      unwrap(api.POST('/api/v1/import-profiles', { headers: { 'Idempotency-Key': crypto.randomUUID() }, body })),
    onSuccess: saved,
  });
}

/** Changes a profile (its name, columns, statuses or committees) on the version last read. */
export function useUpdateImportProfile() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UpdateImportProfile }) =>
      unwrap(
        api.PATCH('/api/v1/import-profiles/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: saved,
  });
}

/** Removes a profile; imports made with it keep their record. */
export function useRemoveImportProfile(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (version: number) => {
      const { error, response } = await api.DELETE('/api/v1/import-profiles/{id}', {
        params: { path: { id }, header: { 'If-Match': etagOf(version) } },
      });
      if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: importProfileKeys.profile(id), exact: true });
      void queryClient.invalidateQueries({ queryKey: [...importProfileKeys.all, 'list'] });
    },
  });
}
