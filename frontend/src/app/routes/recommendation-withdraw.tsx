import { useNavigate, useParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { useRecommendation } from '@/features/recommendations/api/get-recommendation';
import { recommendationKeys } from '@/features/recommendations/api/keys';
import { useWithdrawRecommendation } from '@/features/recommendations/api/write-recommendation';
import { WithdrawForm } from '@/features/recommendations/components/withdraw-form';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

export default function RecommendationWithdrawRoute() {
  const { recommendationId = '' } = useParams();
  const navigate = useNavigate();
  const recommendation = useRecommendation(recommendationId);
  const withdraw = useWithdrawRecommendation(recommendationId);
  return (
    <StaffOnly title="Withdraw the recommendation">
      <QueryGate query={recommendation} what="the recommendation" title="Withdraw the recommendation">
        {(rec) => (
          <>
            <WithdrawForm
              title={`Withdraw recommendation ${rec.number}`}
              intro={
                <>
                  <h1 className="govuk-heading-l">Withdraw recommendation {rec.number}</h1>
                  <p className="govuk-body app-pre-line">{recommendationSummary(rec)}</p>
                </>
              }
              what={`recommendation ${rec.number}`}
              action="Withdraw recommendation"
              pending={withdraw.isPending}
              staleKey={recommendationKeys.detail(rec.id)}
              withdraw={(reason) => withdraw.mutateAsync({ version: rec.version, body: { reason } })}
              onDone={() => void navigate(`/recommendations/${rec.id}`)}
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
