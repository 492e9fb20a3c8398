import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type {
  CreateRecommendation,
  NewPartInput,
  RecommendationReason,
  UpdateRecommendation,
  UpdateRecommendationPart,
} from '@/api/types';
import { etagOf } from '@/features/progress/api/keys';
import { invalidateRecommendations } from './keys';

type Versioned<B> = { version: number; body: B };

export function useCreateRecommendation(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRecommendation) =>
      unwrap(
        api.POST('/api/v1/reviews/{review_id}/recommendations', {
          params: { path: { review_id: reviewId } },
          body,
        }),
      ),
    onSuccess: () => invalidateRecommendations(queryClient),
  });
}

export function useUpdateRecommendation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: Versioned<UpdateRecommendation>) =>
      unwrap(
        api.PATCH('/api/v1/recommendations/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => invalidateRecommendations(queryClient),
  });
}

export function useWithdrawRecommendation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: Versioned<RecommendationReason>) =>
      unwrap(
        api.POST('/api/v1/recommendations/{id}/withdrawal', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => invalidateRecommendations(queryClient),
  });
}

/**
 * Records that the committee closed the recommendation, with its reason (for example when events
 * overtook it). The last one closed signs the review's action plan off.
 */
export function useCloseRecommendation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: Versioned<RecommendationReason>) =>
      unwrap(
        api.POST('/api/v1/recommendations/{id}/closure', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => {
      invalidateRecommendations(queryClient);
      void queryClient.invalidateQueries({ queryKey: ['progress'] });
    },
  });
}

export function useCreatePart(recommendationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPartInput) =>
      unwrap(
        api.POST('/api/v1/recommendations/{id}/parts', {
          params: { path: { id: recommendationId } },
          body,
        }),
      ),
    onSuccess: () => invalidateRecommendations(queryClient),
  });
}

export function useUpdatePart(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: Versioned<UpdateRecommendationPart>) =>
      unwrap(
        api.PATCH('/api/v1/recommendation-parts/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => invalidateRecommendations(queryClient),
  });
}

export function useWithdrawPart(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: Versioned<RecommendationReason>) =>
      unwrap(
        api.POST('/api/v1/recommendation-parts/{id}/withdrawal', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => invalidateRecommendations(queryClient),
  });
}
