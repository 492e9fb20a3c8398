import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { historyPageLink, PagedAuditHistory } from '@/components/ui/audit-history';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { useCommittee } from '@/features/committees/api/get-committee';
import { DecisionRecord } from '@/features/decisions/components/decision-record';
import { DecisionControls } from '@/features/decisions/components/decision-controls';
import { useReviewDecisions } from '@/features/decisions/api/get-decisions';
import { ActionPlan } from '@/features/plans/components/action-plan';
import { PlanControls } from '@/features/plans/components/start-plan';
import { ActionPlanDownloads } from '@/features/documents/components/paper-downloads';
import { ImportActionPlanLink } from '@/features/imports/components/import-links';
import { ReviewRounds } from '@/features/progress/components/review-rounds';
import { ResponseTracker } from '@/features/responses/components/response-tracker';
import { RecommendationList } from '@/features/recommendations/components/recommendation-list';
import { useReview } from '@/features/reviews/api/get-review';
import { useReviewHistory } from '@/features/reviews/api/get-review-history';
import { REVIEW_HISTORY } from '@/features/reviews/lib/history';
import { ReviewSummary } from '@/features/reviews/components/review-summary';
import { ReviewStaffControls } from '@/features/reviews/components/review-staff-controls';
import { Link } from '@/components/ui/link';
import { NotFound } from './not-found';

/** The review's changes, a page at a time (`?history=` in the address). */
function History({ id }: { id: string }) {
  const [params] = useSearchParams();
  const cursor = params.get('history');
  const history = useReviewHistory(id, cursor);
  return (
    <PagedAuditHistory
      query={history}
      cursor={cursor}
      pageLink={historyPageLink(`/reviews/${id}`, params, 'history', 'history')}
      label="Changes to the review, newest first"
      vocabulary={REVIEW_HISTORY}
    />
  );
}

export default function ReviewRoute() {
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  // The review's decisions, latest meeting first; those the review came with until they arrive.
  const listed = useReviewDecisions(review.data ? reviewId : '');
  const committee = useCommittee(review.data?.committee_id);
  const me = useMe();

  if (review.isPending) return <Loading label="Loading the review" />;
  if (review.isError) {
    // 404: no such review, or one the user may not see; 400: not a review id at all.
    if (review.error instanceof ApiError && [400, 404].includes(review.error.status)) return <NotFound />;
    return (
      <>
        <PageTitle title="Review" />
        <QueryError error={review.error} what="the review" />
      </>
    );
  }

  const data = review.data;
  const recommendations = data.recommendations ?? [];
  const decisions = listed.data?.items ?? data.decisions ?? [];
  return (
    <>
      <PageTitle title={data.title} />
      <h1 className="govuk-heading-l">
        {committee.data ? <span className="govuk-caption-l">{committee.data.name}</span> : null}
        {data.title}
      </h1>
      <ReviewSummary review={data} committeeName={committee.data?.name} />
      {me.data && isCouncilStaff(me.data) ? <ReviewStaffControls review={data} /> : null}

      <h2 className="govuk-heading-l govuk-!-margin-top-8" id="recommendations">
        Recommendations
      </h2>
      <RecommendationList recommendations={recommendations} />
      {me.data && isCouncilStaff(me.data) ? (
        <Link to={`/reviews/${data.id}/recommendations/new`} className="govuk-button govuk-button--secondary">
          Add a recommendation
        </Link>
      ) : null}

      <h2 className="govuk-heading-l govuk-!-margin-top-8" id="decision">
        {decisions.length > 1 ? 'Cabinet decisions' : 'Cabinet decision'}
      </h2>
      {decisions.length === 0 ? (
        <p className="govuk-body">No decision on this review has been recorded yet.</p>
      ) : (
        decisions.map((d) => <DecisionRecord key={d.id} decision={d} />)
      )}
      {me.data && isCouncilStaff(me.data) ? <DecisionControls reviewId={data.id} decisions={decisions} /> : null}

      <h2 className="govuk-heading-l govuk-!-margin-top-8" id="responses">
        Statutory responses
      </h2>
      <ResponseTracker reviewId={data.id} canRecord={me.data ? isCouncilStaff(me.data) : false} />

      <h2 className="govuk-heading-l govuk-!-margin-top-8" id="action-plan">
        Action plan
      </h2>
      {data.action_plan ? (
        <ActionPlan plan={data.action_plan} recommendations={recommendations} />
      ) : (
        <p className="govuk-body">No action plan has been agreed for this review yet.</p>
      )}
      {me.data && isCouncilStaff(me.data) ? <PlanControls reviewId={data.id} plan={data.action_plan ?? null} /> : null}
      {data.action_plan ? <ActionPlanDownloads reviewId={data.id} /> : null}
      {me.data && isCouncilStaff(me.data) ? <ImportActionPlanLink reviewId={data.id} /> : null}

      <h2 className="govuk-heading-l govuk-!-margin-top-8" id="progress">
        Progress
      </h2>
      <ReviewRounds
        reviewId={data.id}
        canOpen={me.data ? isCouncilStaff(me.data) : false}
        monitorable={data.action_plan?.status === 'agreed' && !['signed_off', 'withdrawn'].includes(data.status)}
      />

      <h2 className="govuk-heading-l govuk-!-margin-top-8" id="history">
        History
      </h2>
      <History id={data.id} />
    </>
  );
}
