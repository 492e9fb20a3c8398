import type { Review } from '@/api/types';
import { Link } from '@/components/ui/link';
import { ReviewStatusTag } from './review-status-tag';

type Props = {
  reviews: readonly Review[];
  caption: string;
  /** Committee names by id; the column is left out when none is known. */
  committees: ReadonlyMap<string, string>;
};

export function ReviewsTable({ reviews, caption, committees }: Props) {
  const showCommittee = reviews.some((r) => committees.has(r.committee_id));
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Review
          </th>
          {showCommittee ? (
            <th scope="col" className="govuk-table__header">
              Committee
            </th>
          ) : null}
          <th scope="col" className="govuk-table__header">
            Year
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {reviews.map((review) => (
          <tr className="govuk-table__row" key={review.id}>
            <th scope="row" className="govuk-table__header app-table__title">
              <Link to={`/reviews/${review.id}`}>{review.title}</Link>
              <span className="govuk-body-s app-secondary-text"> {review.review_type_label}</span>
              {review.reference ? (
                <span className="govuk-body-s app-secondary-text app-block">Reference {review.reference}</span>
              ) : null}
            </th>
            {showCommittee ? (
              <td className="govuk-table__cell" data-label="Committee">
                {committees.get(review.committee_id) ?? ''}
              </td>
            ) : null}
            <td className="govuk-table__cell" data-label="Year">
              {review.work_programme_year ?? ''}
            </td>
            <td className="govuk-table__cell" data-label="Status">
              <ReviewStatusTag review={review} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
