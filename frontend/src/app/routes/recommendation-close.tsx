import { useNavigate, useParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { useRecommendation } from '@/features/recommendations/api/get-recommendation';
import { recommendationKeys } from '@/features/recommendations/api/keys';
import { useCloseRecommendation } from '@/features/recommendations/api/write-recommendation';
import { WithdrawForm } from '@/features/recommendations/components/withdraw-form';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

/** The committee closed a recommendation, for a reason it recorded (rather than at a closing grade). */
export default function RecommendationCloseRoute() {
  const { recommendationId = '' } = useParams();
  const navigate = useNavigate();
  const recommendation = useRecommendation(recommendationId);
  const close = useCloseRecommendation(recommendationId);
  return (
    <StaffOnly title="Close the recommendation">
      <QueryGate query={recommendation} what="the recommendation" title="Close the recommendation">
        {(rec) => (
          <>
            {rec.status === 'open' ? (
              <WithdrawForm
                kind="close"
                title={`Close recommendation ${rec.number}`}
                intro={
                  <>
                    <h1 className="govuk-heading-l">Close recommendation {rec.number}</h1>
                    <p className="govuk-body app-pre-line">{recommendationSummary(rec)}</p>
                    <div className="govuk-inset-text">
                      Record here that the committee closed it with a reason, for example because events overtook it. A
                      recommendation the committee accepts at a closing grade closes by itself. Once closed it is no longer
                      monitored; if it was the review&apos;s last open recommendation, the action plan is signed off.
                    </div>
                  </>
                }
                what={`recommendation ${rec.number}`}
                action="Close recommendation"
                pending={close.isPending}
                staleKey={recommendationKeys.detail(rec.id)}
                withdraw={(reason) => close.mutateAsync({ version: rec.version, body: { reason } })}
                onDone={() => void navigate(`/recommendations/${rec.id}`, { state: { closed: true } })}
              />
            ) : (
              <>
                <PageTitle title={`Close recommendation ${rec.number}`} />
                <h1 className="govuk-heading-l">Close recommendation {rec.number}</h1>
                <p className="govuk-body">Recommendation {rec.number} is {rec.status}: only an open one can be closed.</p>
              </>
            )}
            <p className="govuk-body">
              <Link to={`/recommendations/${rec.id}`}>Cancel</Link>
            </p>
          </>
        )}
      </QueryGate>
    </StaffOnly>
  );
}
