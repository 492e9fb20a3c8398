// The files attached to a progress entry: listed, withdrawn (kept in the list, no longer served).
// Uploading is in upload-attachment.ts (it reports progress, which fetch cannot).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { Attachment } from '@/api/types';
import { progressKeys } from './keys';

/** Under `progress`: whatever refreshes the entry's views refreshes its files too. */
export const attachmentKeys = {
  list: (entryId: string) => [...progressKeys.all, 'attachments', entryId] as const,
};

/** Every attachment of the entry, oldest first, withdrawn ones included (all pages). */
export async function fetchAttachments(entryId: string, signal?: AbortSignal): Promise<Attachment[]> {
  const items: Attachment[] = [];
  let cursor: string | undefined;
  // A guard against a cursor that never ends.
  for (let page = 0; page < 50; page += 1) {
    const data = await unwrap(
      api.GET('/api/v1/progress-entries/{id}/attachments', {
        params: { path: { id: entryId }, query: cursor ? { limit: 200, cursor } : { limit: 200 } },
        signal,
      }),
    );
    items.push(...data.items);
    if (!data.next_cursor) break;
    cursor = data.next_cursor;
  }
  return items;
}

export const attachmentsQuery = (entryId: string) =>
  queryOptions({
    queryKey: attachmentKeys.list(entryId),
    queryFn: ({ signal }) => fetchAttachments(entryId, signal),
  });

export function useAttachments(entryId: string) {
  return useQuery(attachmentsQuery(entryId));
}

export function withdrawAttachment(id: string, reason: string) {
  return unwrap(
    api.POST('/api/v1/attachments/{id}/withdraw', {
      params: { path: { id }, header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: { reason },
    }),
  );
}

export function useWithdrawAttachment(entryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => withdrawAttachment(id, reason),
    onSuccess: (withdrawn) => {
      queryClient.setQueryData<Attachment[]>(attachmentKeys.list(entryId), (old) =>
        old?.map((a) => (a.id === withdrawn.id ? withdrawn : a)),
      );
      return queryClient.invalidateQueries({ queryKey: attachmentKeys.list(entryId) });
    },
  });
}
