import { useNavigate, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { useRoundProposal } from '@/features/progress/api/get-round-proposal';
import { OpenRoundForm } from '@/features/progress/components/open-round-form';
import { useReview } from '@/features/reviews/api/get-review';
import { NotFound } from './not-found';

export default function OpenRoundRoute() {
  const { reviewId = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const staff = me.data ? isCouncilStaff(me.data) : false;
  const review = useReview(reviewId);
  const proposal = useRoundProposal(reviewId, staff);

  if (me.isPending || review.isPending) return <Loading label="Loading the review" />;
  if (review.isError) {
    if (review.error instanceof ApiError && [400, 404].includes(review.error.status)) return <NotFound />;
    return <QueryError error={review.error} what="the review" />;
  }
  const back = (
    <p className="govuk-body">
      <Link to={`/reviews/${reviewId}#progress`}>Back to {review.data.title}</Link>
    </p>
  );
  if (!staff) {
    return (
      <>
        <PageTitle title="Open a progress round" />
        <h1 className="govuk-heading-l">You cannot open a progress round</h1>
        <p className="govuk-body">Only the council&apos;s scrutiny officers open progress rounds.</p>
        {back}
      </>
    );
  }
  if (proposal.isPending) return <Loading label="Working out when the next update is due" />;
  if (proposal.isError) {
    const conflict = proposal.error instanceof ApiError && proposal.error.status === 409;
    return (
      <>
        <PageTitle title="Open a progress round" />
        <span className="govuk-caption-l">{review.data.title}</span>
        <h1 className="govuk-heading-l">A progress round cannot be opened</h1>
        {conflict ? (
          <p className="govuk-body">{proposal.error.message}</p>
        ) : (
          <QueryError error={proposal.error} what="the proposal for the next round" />
        )}
        {back}
      </>
    );
  }
  return (
    <>
      <OpenRoundForm
        reviewId={reviewId}
        caption={review.data.title}
        proposal={proposal.data}
        recommendations={review.data.recommendations ?? []}
        onOpened={(round) => navigate(`/progress-rounds/${round.id}`, { state: { opened: true } })}
      />
      {back}
    </>
  );
}
