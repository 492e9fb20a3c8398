import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CallInTransition, CreateDecision, UpdateDecision } from '@/api/types';
import { etagOf } from '@/features/progress/api/keys';

/** A decision shows on its review's page and the recommendations' pages. */
function invalidate(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['decisions'] });
  void queryClient.invalidateQueries({ queryKey: ['reviews'] });
  void queryClient.invalidateQueries({ queryKey: ['recommendations'] });
}

export function useCreateDecision(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDecision) =>
      unwrap(
        api.POST('/api/v1/reviews/{review_id}/decisions', {
          params: { path: { review_id: reviewId } },
          body,
        }),
      ),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useUpdateDecision(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateDecision }) =>
      unwrap(
        api.PATCH('/api/v1/decisions/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useTransitionCallIn(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: CallInTransition }) =>
      unwrap(
        api.POST('/api/v1/decisions/{id}/call-in-transitions', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSettled: () => invalidate(queryClient),
  });
}

/**
 * Recomputes the call-in deadline with the council's current settings and calendar (after a
 * holiday was added or a setting changed), on condition that nobody has changed the decision since
 * `version`.
 */
export function useRecomputeDeadline(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version }: { version: number }) =>
      unwrap(
        api.POST('/api/v1/decisions/{id}/call-in-deadline/recomputation', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
        }),
      ),
    onSettled: () => invalidate(queryClient),
  });
}
