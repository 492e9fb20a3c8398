import type { Review } from '@/api/types';
import { Link } from '@/components/ui/link';
import { ReviewStatusForm } from './review-status-form';

/** What council staff can do to a review on its page: change its details, move its status. */
export function ReviewStaffControls({ review }: { review: Review }) {
  return (
    <>
      <p className="govuk-body">
        <Link to={`/reviews/${review.id}/edit`} className="govuk-button govuk-button--secondary">
          Change the review details
        </Link>
      </p>
      <ReviewStatusForm review={review} />
    </>
  );
}
