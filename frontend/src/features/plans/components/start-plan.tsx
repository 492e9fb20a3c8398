import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ActionPlan } from '@/api/types';
import { ErrorSummary, type ErrorItem } from '@/components/ui/error-summary';
import { Link } from '@/components/ui/link';
import { problemErrors } from '@/lib/problem-errors';
import { useStartPlan } from '../api/write-plan';

export function editPlanPath(reviewId: string): string {
  return `/reviews/${reviewId}/action-plan/edit`;
}

/** Starts a draft plan for a review that has none, then opens the editor. */
export function StartPlanButton({ reviewId }: { reviewId: string }) {
  const start = useStartPlan(reviewId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  return (
    <>
      <ErrorSummary errors={errors} />
      <button
        type="button"
        className="govuk-button"
        disabled={start.isPending}
        aria-disabled={start.isPending}
        onClick={() => {
          setErrors([]);
          start.mutate(
            {},
            {
              onSuccess: () => void navigate(editPlanPath(reviewId)),
              onError: (error) => setErrors(problemErrors(error, () => undefined).summary),
            },
          );
        }}
      >
        Start an action plan
      </button>
    </>
  );
}

/** What council staff can do with the review's plan from the review page. */
export function PlanControls({ reviewId, plan }: { reviewId: string; plan: ActionPlan | null }) {
  if (!plan) return <StartPlanButton reviewId={reviewId} />;
  return (
    <p className="govuk-body">
      <Link to={editPlanPath(reviewId)}>
        {plan.status === 'signed_off' ? 'See the action plan’s history' : 'Edit the action plan'}
      </Link>
    </p>
  );
}
