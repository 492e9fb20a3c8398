import { useParams } from 'react-router';
import { useReview } from '@/features/reviews/api/get-review';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { EditReviewPage } from '@/features/reviews/components/review-editor';
import { StaffOnly } from '@/features/reviews/components/staff-only';

export default function ReviewEditRoute() {
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  return (
    <StaffOnly title="Change the review details">
      <QueryGate query={review} what="the review" title="Change the review details">
        {(data) => <EditReviewPage key={data.id} review={data} />}
      </QueryGate>
    </StaffOnly>
  );
}
