// The writes of a statutory response, one mutation each: record, change, receive, publish, remove.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, isProblem, unwrap } from '@/api/problem';
import type { CreateStatutoryResponse, StatutoryResponse, UpdateStatutoryResponse } from '@/api/types';
import { etagOf, invalidateResponses, responseKeys } from './keys';

/** Records who must respond to a review's report (council staff). */
export function useCreateResponse(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStatutoryResponse) =>
      unwrap(
        api.POST('/api/v1/reviews/{review_id}/statutory-responses', {
          params: { path: { review_id: reviewId } },
          body,
        }),
      ),
    onSuccess: (created) => {
      queryClient.setQueryData(responseKeys.detail(created.id), created);
      invalidateResponses(queryClient, created.id);
    },
  });
}

/** After a write: the response as the API now has it, and every list that shows it. */
function useSettle() {
  const queryClient = useQueryClient();
  return (saved: StatutoryResponse) => {
    queryClient.setQueryData(responseKeys.detail(saved.id), saved);
    invalidateResponses(queryClient, saved.id);
  };
}

/** Saves the answers (and, for staff, the details), on condition nobody changed it since `version`. */
export function useUpdateResponse(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateStatutoryResponse }) =>
      unwrap(
        api.PATCH('/api/v1/statutory-responses/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: settle,
  });
}

/** Submits the response (a partner) or records it as received, on a day (an officer). */
export function useReceiveResponse(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ version, receivedOn }: { version: number; receivedOn?: string | null }) =>
      unwrap(
        api.POST('/api/v1/statutory-responses/{id}/receipt', {
          params: {
            path: { id },
            // A retry of the same click is answered with the first response.
            header: { 'If-Match': etagOf(version), 'Idempotency-Key': crypto.randomUUID() },
          },
          body: receivedOn ? { received_on: receivedOn } : undefined,
        }),
      ),
    onSuccess: settle,
  });
}

/** Publishes a received response, on a day (today when none is given). */
export function usePublishResponse(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ version, publishedOn }: { version: number; publishedOn?: string | null }) =>
      unwrap(
        api.POST('/api/v1/statutory-responses/{id}/publication', {
          params: {
            path: { id },
            header: { 'If-Match': etagOf(version), 'Idempotency-Key': crypto.randomUUID() },
          },
          body: publishedOn ? { published_on: publishedOn } : undefined,
        }),
      ),
    onSuccess: settle,
  });
}

/** Removes a response recorded by mistake, while it is awaited. */
export function useDeleteResponse(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (version: number) => {
      const { error, response } = await api.DELETE('/api/v1/statutory-responses/{id}', {
        params: { path: { id }, header: { 'If-Match': etagOf(version) } },
      });
      if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: responseKeys.detail(id) });
      invalidateResponses(queryClient);
    },
  });
}
