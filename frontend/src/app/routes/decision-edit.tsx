import { useParams } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { useDecision } from '@/features/decisions/api/get-decision';
import { EditDecisionPage } from '@/features/decisions/components/decision-editor';
import { useReview } from '@/features/reviews/api/get-review';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

export default function DecisionEditRoute() {
  const { decisionId = '' } = useParams();
  const decision = useDecision(decisionId);
  const review = useReview(decision.data?.review_id ?? '');
  return (
    <StaffOnly title="Change the decision">
      <QueryGate query={decision} what="the decision" title="Change the decision">
        {(d) =>
          review.isPending ? (
            <Loading label="Loading the review" />
          ) : (
            <EditDecisionPage
              key={d.id}
              decision={d}
              reviewTitle={review.data?.title ?? ''}
              recommendations={review.data?.recommendations ?? []}
            />
          )
        }
      </QueryGate>
    </StaffOnly>
  );
}
