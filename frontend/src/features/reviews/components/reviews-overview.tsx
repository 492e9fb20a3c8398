import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useCommitteeNames } from '@/features/committees/api/get-committees';
import { useReviews, type ReviewsQuery } from '../api/get-reviews';
import { ReviewsTable } from './reviews-table';

type Props = {
  query: ReviewsQuery;
  caption: string;
  empty: string;
  /** Where "all reviews" lives, with the same filter. */
  moreLink: string;
};

/** The first reviews of a filter, for a home page. */
export function ReviewsOverview({ query, caption, empty, moreLink }: Props) {
  const reviews = useReviews({ limit: 25, ...query });
  const committees = useCommitteeNames();
  if (reviews.isPending) return <Loading label="Loading reviews" />;
  if (reviews.isError) return <QueryError error={reviews.error} what="the reviews" />;
  const { items, next_cursor } = reviews.data;
  if (items.length === 0) return <p className="govuk-body">{empty}</p>;
  return (
    <>
      <ReviewsTable reviews={items} caption={caption} committees={committees} />
      {next_cursor ? (
        <p className="govuk-body">
          <Link to={moreLink}>See all reviews</Link>
        </p>
      ) : null}
    </>
  );
}
