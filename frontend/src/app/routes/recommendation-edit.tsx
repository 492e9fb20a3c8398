import { useNavigate, useParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { useRecommendation } from '@/features/recommendations/api/get-recommendation';
import { EditRecommendationForm } from '@/features/recommendations/components/recommendation-form';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

export default function RecommendationEditRoute() {
  const { recommendationId = '' } = useParams();
  const navigate = useNavigate();
  const recommendation = useRecommendation(recommendationId);
  return (
    <StaffOnly title="Change the recommendation">
      <QueryGate query={recommendation} what="the recommendation" title="Change the recommendation">
        {(rec) => (
          <>
            <PageTitle title={`Change recommendation ${rec.number}`} />
            <h1 className="govuk-heading-l">Change recommendation {rec.number}</h1>
            <EditRecommendationForm
              key={rec.id}
              recommendation={rec}
              onSaved={(saved) => void navigate(`/recommendations/${saved.id}`)}
            />
            <p className="govuk-body">
              <Link to={`/recommendations/${rec.id}`}>Cancel</Link>
            </p>
          </>
        )}
      </QueryGate>
    </StaffOnly>
  );
}
