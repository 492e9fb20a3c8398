import { useParams } from 'react-router';
import { ApiError, isNotFound } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useOpenReview } from '@/features/open-data/api/open-data';
import { PublicReview } from '@/features/open-data/components/public-review';

/** Not published (yet, or any more), or no such review: said for residents, not staff. */
function NotPublished() {
  return (
    <>
      <PageTitle title="Review not found" />
      <h1 className="govuk-heading-l">Review not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        A review appears here once its committee has approved the report. It may not have been published yet.
      </p>
      <p className="govuk-body">
        <Link to="/public">See the reviews councils have published</Link>
      </p>
    </>
  );
}

/** `/public/reviews/:reviewId`: one published review, without signing in. */
export default function PublicReviewRoute() {
  const { reviewId = '' } = useParams();
  const review = useOpenReview(reviewId);
  if (review.isPending) return <Loading label="Loading the review" />;
  if (review.isError) {
    // A mistyped address (not a review's id) is answered 4xx too.
    const unknown = isNotFound(review.error) || (review.error instanceof ApiError && [400, 422].includes(review.error.status));
    return unknown ? <NotPublished /> : <QueryError error={review.error} what="the review" />;
  }
  return <PublicReview review={review.data} />;
}
