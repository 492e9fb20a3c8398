import { useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { ImportWizard } from '@/features/imports/components/import-wizard';
import { useReview } from '@/features/reviews/api/get-review';
import { NotFound } from './not-found';

/** Council staff import a review's action plan from the Word table's text, a CSV or a workbook. */
export default function ImportActionPlanRoute() {
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  const me = useMe();

  if (review.isPending || me.isPending) return <Loading label="Loading the review" />;
  if (review.isError) {
    if (review.error instanceof ApiError && [400, 404].includes(review.error.status)) return <NotFound />;
    return (
      <>
        <PageTitle title="Import an action plan" />
        <QueryError error={review.error} what="the review" />
      </>
    );
  }
  const back = { to: `/reviews/${reviewId}#action-plan`, text: 'Go back to the review' };
  if (!me.data || !isCouncilStaff(me.data)) {
    return (
      <>
        <PageTitle title="Import an action plan" />
        <h1 className="govuk-heading-l">You cannot import an action plan</h1>
        <p className="govuk-body">Only the council&apos;s scrutiny officers can import action plans.</p>
        <p className="govuk-body">
          <Link to={back.to}>{back.text}</Link>
        </p>
      </>
    );
  }
  return (
    <ImportWizard
      key={reviewId}
      kind="action-plan"
      targetId={reviewId}
      subject="action plan"
      caption={<Link to={`/reviews/${reviewId}`}>{review.data.title}</Link>}
      accept=".txt,.csv,.xlsx,text/plain,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      fileHint={
        <>
          The action plan table as text copied out of the Word document (TXT), a CSV file, or an Excel workbook
          (XLSX) with the columns No., Recommendation, Proposed Actions, Success Measures, Responsibility and Date.
        </>
      }
      back={back}
      planAgreed={review.data.action_plan?.status === 'agreed'}
    />
  );
}
