import { useNavigate, useParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { usePart } from '@/features/recommendations/api/get-recommendation';
import { PartForm } from '@/features/recommendations/components/part-form';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

export default function PartEditRoute() {
  const { partId = '' } = useParams();
  const navigate = useNavigate();
  const part = usePart(partId);
  return (
    <StaffOnly title="Change the part">
      <QueryGate query={part} what="the part" title="Change the part">
        {(p) => (
          <>
            <PageTitle title={`Change part ${p.label})`} />
            <h1 className="govuk-heading-l">Change part {p.label})</h1>
            <PartForm
              key={p.id}
              recommendationId={p.recommendation_id}
              part={p}
              onSaved={() => void navigate(`/recommendations/${p.recommendation_id}`)}
            />
            <p className="govuk-body">
              <Link to={`/recommendations/${p.recommendation_id}`}>Cancel</Link>
            </p>
          </>
        )}
      </QueryGate>
    </StaffOnly>
  );
}
