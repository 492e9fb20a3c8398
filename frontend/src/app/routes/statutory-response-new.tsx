import { useParams, useSearchParams } from 'react-router';
import { oneOf } from '@/api/types';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useOrganisations } from '@/features/recommendations/api/get-organisations';
import { useResponseTracker } from '@/features/responses/api/get-tracker';
import { RecordResponseForm } from '@/features/responses/components/record-response-form';
import { useReview } from '@/features/reviews/api/get-review';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';

const TITLE = 'Record a statutory response';

/** `?kind=partner&organisation_id=…`: from the tracker's "Record" link, prefilled. */
export default function StatutoryResponseNewRoute() {
  const { reviewId = '' } = useParams();
  const [params] = useSearchParams();
  const review = useReview(reviewId);
  const tracker = useResponseTracker(reviewId);
  const organisations = useOrganisations();
  return (
    <StaffOnly title={TITLE}>
      <QueryGate query={review} what="the review" title={TITLE}>
        {(data) =>
          tracker.isPending || organisations.isPending ? (
            <Loading label="Loading who must respond" />
          ) : tracker.isError ? (
            <QueryError error={tracker.error} what="who must respond" />
          ) : (
            <RecordResponseForm
              key={data.id}
              reviewId={data.id}
              reviewTitle={data.title}
              recommendations={data.recommendations ?? []}
              expected={tracker.data.expected}
              organisations={organisations.data?.items ?? []}
              initialKind={oneOf(['executive', 'partner'] as const, params.get('kind')) ?? ''}
              initialOrganisationId={params.get('organisation_id') ?? ''}
            />
          )
        }
      </QueryGate>
    </StaffOnly>
  );
}
