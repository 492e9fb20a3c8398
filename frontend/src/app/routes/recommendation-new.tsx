import { useNavigate, useParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { NewRecommendationForm } from '@/features/recommendations/components/recommendation-form';
import { useReview } from '@/features/reviews/api/get-review';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

/** The number after the review's highest whole number: 1, 2, 3… */
function nextNumber(numbers: readonly string[]): string {
  const whole = numbers.map((n) => Number.parseInt(n, 10)).filter((n) => Number.isFinite(n));
  return String(whole.length > 0 ? Math.max(...whole) + 1 : 1);
}

export default function RecommendationNewRoute() {
  const { reviewId = '' } = useParams();
  const navigate = useNavigate();
  const review = useReview(reviewId);
  return (
    <StaffOnly title="Add a recommendation">
      <QueryGate query={review} what="the review" title="Add a recommendation">
        {(data) => (
          <>
            <PageTitle title="Add a recommendation" />
            <h1 className="govuk-heading-l">
              <span className="govuk-caption-l">{data.title}</span>
              Add a recommendation
            </h1>
            <NewRecommendationForm
              reviewId={data.id}
              suggestedNumber={nextNumber((data.recommendations ?? []).map((r) => r.number))}
              onCreated={(rec) => void navigate(`/recommendations/${rec.id}`)}
            />
            <p className="govuk-body">
              <Link to={`/reviews/${data.id}`}>Cancel</Link>
            </p>
          </>
        )}
      </QueryGate>
    </StaffOnly>
  );
}
