import { useParams } from 'react-router';
import { ApiError, isNotFound } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { useReviewPlan } from '@/features/plans/api/get-plan';
import { PlanEditor } from '@/features/plans/components/plan-editor';
import { StartPlanButton } from '@/features/plans/components/start-plan';
import { useReview } from '@/features/reviews/api/get-review';
import { NotFound } from './not-found';

export default function PlanEditRoute() {
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  const plan = useReviewPlan(reviewId);
  const me = useMe();

  if (review.isPending || me.isPending) return <Loading label="Loading the action plan" />;
  if (review.isError) {
    if (review.error instanceof ApiError && [400, 404].includes(review.error.status)) return <NotFound />;
    return (
      <>
        <PageTitle title="Action plan" />
        <QueryError error={review.error} what="the review" />
      </>
    );
  }
  const staff = me.data ? isCouncilStaff(me.data) : false;
  const title = 'Edit the action plan';
  const heading = (
    <>
      <PageTitle title={`${title}: ${review.data.title}`} />
      <div className="govuk-!-margin-bottom-4">
        <Link to={`/reviews/${reviewId}#action-plan`} className="govuk-back-link">
          Back to the review
        </Link>
      </div>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{review.data.title}</span>
        {title}
      </h1>
    </>
  );
  if (!staff) {
    return (
      <>
        {heading}
        <p className="govuk-body">Only council officers can edit action plans.</p>
      </>
    );
  }
  if (plan.isPending) {
    return (
      <>
        {heading}
        <Loading label="Loading the action plan" />
      </>
    );
  }
  if (plan.isError) {
    return (
      <>
        {heading}
        {isNotFound(plan.error) ? (
          <>
            <p className="govuk-body">This review has no action plan yet.</p>
            <StartPlanButton reviewId={reviewId} />
          </>
        ) : (
          <QueryError error={plan.error} what="the action plan" />
        )}
      </>
    );
  }
  return (
    <>
      {heading}
      <PlanEditor
        reviewId={reviewId}
        plan={plan.data}
        recommendations={[...(review.data.recommendations ?? [])].sort((a, b) => a.position - b.position)}
        canEdit={staff}
      />
    </>
  );
}
