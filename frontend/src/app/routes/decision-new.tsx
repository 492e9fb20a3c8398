import { useParams } from 'react-router';
import { RecordDecisionPage } from '@/features/decisions/components/decision-editor';
import { useReview } from '@/features/reviews/api/get-review';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

export default function DecisionNewRoute() {
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  return (
    <StaffOnly title="Record a decision">
      <QueryGate query={review} what="the review" title="Record a decision">
        {(data) => (
          <RecordDecisionPage
            key={data.id}
            reviewId={data.id}
            reviewTitle={data.title}
            recommendations={data.recommendations ?? []}
          />
        )}
      </QueryGate>
    </StaffOnly>
  );
}
