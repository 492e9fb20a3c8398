import { useNavigate, useParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useRound } from '@/features/progress/api/get-round';
import { useRoundEntries } from '@/features/progress/api/get-round-entries';
import { AddEntryForm } from '@/features/progress/components/add-entry-form';
import { useOrganisations } from '@/features/recommendations/api/get-organisations';
import { useReviewRecommendations } from '@/features/recommendations/api/get-recommendations';
import { useReview } from '@/features/reviews/api/get-review';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

/** Adding a recommendation (or a part) to an open round, for one it left out or a new one. */
export default function RoundEntryNewRoute() {
  const { roundId = '' } = useParams();
  const navigate = useNavigate();
  const round = useRound(roundId);
  const entries = useRoundEntries(roundId);
  const reviewId = round.data?.review_id ?? '';
  const review = useReview(reviewId);
  const recommendations = useReviewRecommendations(reviewId);
  const organisations = useOrganisations();
  return (
    <StaffOnly title="Add a recommendation to the round">
      <QueryGate query={round} what="the round" title="Add a recommendation to the round">
        {(r) => {
          const heading = (
            <h1 className="govuk-heading-l">
              <span className="govuk-caption-l">{review.data?.title ?? 'Progress round'}</span>
              Add a recommendation to the {r.label} round
            </h1>
          );
          if (r.status !== 'open') {
            return (
              <>
                {heading}
                <p className="govuk-body">The round is closed: it takes no more updates.</p>
                <p className="govuk-body">
                  <Link to={`/progress-rounds/${r.id}`}>Back to the round</Link>
                </p>
              </>
            );
          }
          if (recommendations.isPending || entries.isPending) return <Loading label="Loading the recommendations" />;
          if (recommendations.isError) return <QueryError error={recommendations.error} what="the recommendations" />;
          if (entries.isError) return <QueryError error={entries.error} what="the round's updates" />;
          return (
            <>
              <AddEntryForm
                round={r}
                heading={heading}
                recommendations={recommendations.data.items}
                entries={entries.data}
                organisations={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                onAdded={(entry) =>
                  void navigate(`/progress-rounds/${r.id}`, {
                    state: {
                      added: `Recommendation ${entry.recommendation.number}${entry.part ? `${entry.part.label})` : ''}`,
                    },
                  })
                }
              />
              <p className="govuk-body">
                <Link to={`/progress-rounds/${r.id}`}>Cancel</Link>
              </p>
            </>
          );
        }}
      </QueryGate>
    </StaffOnly>
  );
}
