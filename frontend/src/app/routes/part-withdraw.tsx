import { useNavigate, useParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { usePart } from '@/features/recommendations/api/get-recommendation';
import { recommendationKeys } from '@/features/recommendations/api/keys';
import { useWithdrawPart } from '@/features/recommendations/api/write-recommendation';
import { WithdrawForm } from '@/features/recommendations/components/withdraw-form';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

export default function PartWithdrawRoute() {
  const { partId = '' } = useParams();
  const navigate = useNavigate();
  const part = usePart(partId);
  const withdraw = useWithdrawPart(partId);
  return (
    <StaffOnly title="Withdraw the part">
      <QueryGate query={part} what="the part" title="Withdraw the part">
        {(p) => (
          <>
            <WithdrawForm
              title={`Withdraw part ${p.label})`}
              intro={
                <>
                  <h1 className="govuk-heading-l">Withdraw part {p.label})</h1>
                  <p className="govuk-body app-pre-line">{p.text}</p>
                </>
              }
              what={`part ${p.label})`}
              action="Withdraw part"
              pending={withdraw.isPending}
              staleKey={recommendationKeys.part(p.id)}
              withdraw={(reason) => withdraw.mutateAsync({ version: p.version, body: { reason } })}
              onDone={() => void navigate(`/recommendations/${p.recommendation_id}`)}
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
