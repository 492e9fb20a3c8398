import { useNavigate, useParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { useRound } from '@/features/progress/api/get-round';
import { RoundForm } from '@/features/progress/components/round-form';
import { useReview } from '@/features/reviews/api/get-review';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

/** Changing a round: its name, the partners' deadline, the committee meeting and its minute. */
export default function RoundEditRoute() {
  const { roundId = '' } = useParams();
  const navigate = useNavigate();
  const round = useRound(roundId);
  const review = useReview(round.data?.review_id ?? '');
  return (
    <StaffOnly title="Change the round">
      <QueryGate query={round} what="the round" title="Change the round">
        {(r) => (
          <>
            <RoundForm
              // The form keeps what the officer typed when a newer version of the round arrives.
              key={r.id}
              title={`Change the ${r.label} round`}
              heading={
                <h1 className="govuk-heading-l">
                  <span className="govuk-caption-l">{review.data?.title ?? 'Progress round'}</span>
                  Change the {r.label} round
                </h1>
              }
              round={r}
              onSaved={() => void navigate(`/progress-rounds/${r.id}`, { state: { changed: true } })}
            />
            <p className="govuk-body">
              <Link to={`/progress-rounds/${r.id}`}>Cancel</Link>
            </p>
          </>
        )}
      </QueryGate>
    </StaffOnly>
  );
}
