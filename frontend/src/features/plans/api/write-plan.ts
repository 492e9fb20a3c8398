import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type {
  Action,
  ActionPlan,
  Completion,
  CreateAction,
  PutActionPlan,
  UpdateAction,
  UpdateActionPlan,
  Withdrawal,
} from '@/api/types';
import { etagOf, planKeys } from './keys';

/** After any write: the plan, its history and amendments, and the review page that shows it. */
function refresh(queryClient: QueryClient, reviewId: string) {
  void queryClient.invalidateQueries({ queryKey: planKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['reviews'] });
  // Recommendations list their actions; progress rounds depend on the plan being agreed.
  void queryClient.invalidateQueries({ queryKey: ['progress', 'review-rounds', reviewId] });
  void queryClient.invalidateQueries({ queryKey: ['progress', 'proposal', reviewId] });
}

/** Starts the review's plan (PUT answers the existing plan when there is one). */
export function useStartPlan(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutActionPlan) =>
      unwrap(api.PUT('/api/v1/reviews/{review_id}/action-plan', { params: { path: { review_id: reviewId } }, body })),
    onSuccess: (plan: ActionPlan) => {
      queryClient.setQueryData(planKeys.forReview(reviewId), plan);
      refresh(queryClient, reviewId);
    },
  });
}

/** Changes the plan's title, agreed date or status, if nobody changed it since `version`. */
export function useUpdatePlan(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UpdateActionPlan }) =>
      unwrap(
        api.PATCH('/api/v1/action-plans/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: () => refresh(queryClient, reviewId),
  });
}

export function useCreateAction(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, body }: { planId: string; body: CreateAction }) =>
      unwrap(api.POST('/api/v1/action-plans/{id}/actions', { params: { path: { id: planId } }, body })),
    onSuccess: () => refresh(queryClient, reviewId),
  });
}

/** Changes an action, if nobody changed it since `version` (412 otherwise). */
export function useUpdateAction(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UpdateAction }) =>
      unwrap(
        api.PATCH('/api/v1/actions/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: (action: Action) => {
      void queryClient.invalidateQueries({ queryKey: planKeys.actionHistory(action.id) });
      refresh(queryClient, reviewId);
    },
  });
}

export function useWithdrawAction(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: Action; body: Withdrawal }) =>
      unwrap(
        api.POST('/api/v1/actions/{id}/withdrawal', {
          params: { path: { id: action.id }, header: { 'If-Match': etagOf(action.version) } },
          body,
        }),
      ),
    onSuccess: (action: Action) => {
      void queryClient.invalidateQueries({ queryKey: planKeys.actionHistory(action.id) });
      refresh(queryClient, reviewId);
    },
  });
}

export function useCompleteAction(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: Action; body: Completion }) =>
      unwrap(
        api.POST('/api/v1/actions/{id}/completion', {
          params: { path: { id: action.id }, header: { 'If-Match': etagOf(action.version) } },
          body,
        }),
      ),
    onSuccess: (action: Action) => {
      void queryClient.invalidateQueries({ queryKey: planKeys.actionHistory(action.id) });
      refresh(queryClient, reviewId);
    },
  });
}
