import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CreateReview, ReviewTransition, UpdateReview } from '@/api/types';
import { etagOf } from '@/features/progress/api/keys';

/** Every list and page that shows reviews. */
const REVIEWS = ['reviews'] as const;

/** Starts a review in the officer's council. */
export function useCreateReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReview) => unwrap(api.POST('/api/v1/reviews', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: REVIEWS }),
  });
}

/** Changes a review's details, on condition nobody changed it since `version` (412 otherwise). */
export function useUpdateReview(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateReview }) =>
      unwrap(
        api.PATCH('/api/v1/reviews/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: REVIEWS }),
  });
}

/** Moves a review to one of its `allowed_transitions`. */
export function useTransitionReview(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: ReviewTransition }) =>
      unwrap(
        api.POST('/api/v1/reviews/{id}/status-transitions', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: REVIEWS }),
  });
}
