import { useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { oneOf } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useCommittees } from '@/features/committees/api/get-committees';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { useReviews, type ReviewsQuery } from '@/features/reviews/api/get-reviews';
import { ReviewFilters, type ReviewFilterValues } from '@/features/reviews/components/review-filters';
import { ReviewsTable } from '@/features/reviews/components/reviews-table';
import { REVIEW_STATUS_VALUES } from '@/features/reviews/lib/statuses';

const PAGE_SIZE = 20;

/** `?committee=…&status=…&reference=…&cursor=…`: a filtered page can be bookmarked and shared. */
function search(values: ReviewFilterValues, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (values.committee) params.set('committee', values.committee);
  if (values.status) params.set('status', values.status);
  if (values.reference) params.set('reference', values.reference);
  if (cursor) params.set('cursor', cursor);
  const s = params.toString();
  return s ? `/reviews?${s}` : '/reviews';
}

export default function ReviewsRoute() {
  const [params, setParams] = useSearchParams();
  const values: ReviewFilterValues = {
    committee: params.get('committee') ?? '',
    status: params.get('status') ?? '',
    reference: params.get('reference')?.trim() ?? '',
  };
  const cursor = params.get('cursor');
  const query: ReviewsQuery = { limit: PAGE_SIZE };
  if (values.committee) query.committee_id = values.committee;
  const status = oneOf(REVIEW_STATUS_VALUES, values.status);
  if (status) query.status = status;
  if (values.reference) query.reference = values.reference;
  if (cursor) query.cursor = cursor;

  const committees = useCommittees();
  const me = useMe();
  const reviews = useReviews(query);
  const names = new Map((committees.data?.items ?? []).map((c) => [c.id, c.name]));

  const staleLink =
    reviews.error instanceof ApiError && reviews.error.status >= 400 && reviews.error.status < 500;
  return (
    <>
      <PageTitle title="Reviews" />
      <h1 className="govuk-heading-l">Reviews</h1>
      {me.data && isCouncilStaff(me.data) ? (
        <div className="govuk-button-group">
          <Link to="/reviews/new" className="govuk-button">
            Create a review
          </Link>
          <Link to="/imports/tracker" className="govuk-button govuk-button--secondary">
            Import a tracker
          </Link>
        </div>
      ) : null}
      <ReviewFilters
        values={values}
        committees={committees.data?.items ?? []}
        onApply={(next) => {
          const target = new URL(search(next), window.location.origin);
          setParams(target.searchParams);
        }}
      />
      {reviews.isPending ? (
        <Loading label="Loading reviews" />
      ) : reviews.isError ? (
        staleLink ? (
          <div className="govuk-inset-text">
            This page of results is no longer available. <Link to={search(values)}>Go to the first page</Link>.
          </div>
        ) : (
          <QueryError error={reviews.error} what="the reviews" />
        )
      ) : reviews.data.items.length === 0 ? (
        <p className="govuk-body">
          {values.committee || values.status || values.reference
            ? 'No reviews match these filters.'
            : 'There are no reviews yet.'}
        </p>
      ) : (
        <>
          <ReviewsTable
            reviews={reviews.data.items}
            caption={cursor ? 'Reviews (continued)' : 'Reviews'}
            committees={names}
          />
          <NextPage
            next={reviews.data.next_cursor ? search(values, reviews.data.next_cursor) : null}
            first={cursor ? search(values) : null}
          />
        </>
      )}
    </>
  );
}
