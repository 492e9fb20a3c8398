import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { planKeys } from './keys';

export const reviewPlanQuery = (reviewId: string) =>
  queryOptions({
    queryKey: planKeys.forReview(reviewId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/reviews/{review_id}/action-plan', { params: { path: { review_id: reviewId } }, signal })),
  });

/** The review's action plan with its actions in order; a 404 error when it has none. */
export function useReviewPlan(reviewId: string) {
  return useQuery({ ...reviewPlanQuery(reviewId), enabled: reviewId !== '' });
}

/** One action as it is now (after a 412, to show what someone else changed). */
export function fetchAction(id: string) {
  return unwrap(api.GET('/api/v1/actions/{id}', { params: { path: { id } } }));
}

/** The plan as it is now (after a 412). */
export function fetchPlan(id: string) {
  return unwrap(api.GET('/api/v1/action-plans/{id}', { params: { path: { id } } }));
}
