import { useNavigate, useParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { useRecommendation } from '@/features/recommendations/api/get-recommendation';
import { PartForm } from '@/features/recommendations/components/part-form';
import { nextLabel } from '@/features/recommendations/components/recommendation-form';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

export default function PartNewRoute() {
  const { recommendationId = '' } = useParams();
  const navigate = useNavigate();
  const recommendation = useRecommendation(recommendationId);
  return (
    <StaffOnly title="Add a part">
      <QueryGate query={recommendation} what="the recommendation" title="Add a part">
        {(rec) => (
          <>
            <PageTitle title={`Add a part to recommendation ${rec.number}`} />
            <h1 className="govuk-heading-l">
              <span className="govuk-caption-l">Recommendation {rec.number}</span>
              Add a part
            </h1>
            <p className="govuk-body app-pre-line">{recommendationSummary(rec)}</p>
            <PartForm
              recommendationId={rec.id}
              suggestedLabel={nextLabel([...rec.parts].sort((a, b) => a.position - b.position).map((p) => p.label))}
              onSaved={() => void navigate(`/recommendations/${rec.id}`)}
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
