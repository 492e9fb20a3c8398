import { useSearchParams } from 'react-router';
import { CreateReviewPage } from '@/features/reviews/components/review-editor';
import { StaffOnly } from '@/features/reviews/components/staff-only';

export default function ReviewNewRoute() {
  const [params] = useSearchParams();
  return (
    <StaffOnly title="Create a review">
      <CreateReviewPage committeeId={params.get('committee') ?? undefined} />
    </StaffOnly>
  );
}
