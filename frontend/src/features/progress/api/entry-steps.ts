// The workflow steps of an entry, one mutation each: submit, return, validate, accept.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { AcceptEntry, ProgressEntry, ValidateEntry } from '@/api/types';
import { progressKeys } from './keys';

function useStep<T>(id: string, call: (body: T) => Promise<ProgressEntry>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (entry) => {
      queryClient.setQueryData(progressKeys.entry(id), entry);
      // Round counts, queues, the dashboard and the history all move with it.
      void queryClient.invalidateQueries({
        queryKey: progressKeys.all,
        predicate: (q) => !(q.queryKey[1] === 'entry' && q.queryKey[2] === id),
      });
      // Acceptance can close the recommendation and sign the review off.
      void queryClient.invalidateQueries({ queryKey: ['reviews'] });
    },
  });
}

/** Submits (or resubmits) the entry for the council to assess. */
export function useSubmitEntry(id: string) {
  return useStep<void>(id, () =>
    unwrap(
      api.POST('/api/v1/progress-entries/{id}/submit', {
        params: { path: { id } },
        // A retry of the same click is answered with the first response.
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      }),
    ),
  );
}

/** Returns the entry to its partner with comments. */
export function useReturnEntry(id: string) {
  return useStep<string>(id, (comments) =>
    unwrap(api.POST('/api/v1/progress-entries/{id}/return', { params: { path: { id } }, body: { comments } })),
  );
}

/** Validates the entry with the officer's grade. */
export function useValidateEntry(id: string) {
  return useStep<ValidateEntry>(id, (body) =>
    unwrap(api.POST('/api/v1/progress-entries/{id}/validate', { params: { path: { id } }, body })),
  );
}

/** Records the committee's acceptance with its final grade. */
export function useAcceptEntry(id: string) {
  return useStep<AcceptEntry>(id, (body) =>
    unwrap(api.POST('/api/v1/progress-entries/{id}/accept', { params: { path: { id } }, body })),
  );
}
