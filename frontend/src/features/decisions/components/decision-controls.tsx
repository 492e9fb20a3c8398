import type { Decision } from '@/api/types';
import { Link } from '@/components/ui/link';
import { formatDate } from '@/lib/format';
import { CallInForm } from './call-in-form';
import { RecomputeDeadline } from './recompute-deadline';

/**
 * What council staff can do with a review's decisions: record one, change one, recompute its call-in
 * deadline, record its call-in.
 */
export function DecisionControls({ reviewId, decisions }: { reviewId: string; decisions: readonly Decision[] }) {
  return (
    <>
      {decisions.map((d) => (
        <div className="app-block" key={d.id}>
          {decisions.length > 1 ? (
            <h3 className="govuk-heading-s">
              {d.body} decision, {formatDate(d.meeting_date)}
            </h3>
          ) : null}
          <p className="govuk-body">
            <Link to={`/decisions/${d.id}/edit`}>
              Change the decision{' '}<span className="govuk-visually-hidden">of {formatDate(d.meeting_date)}</span>
            </Link>
          </p>
          <RecomputeDeadline decision={d} />
          <CallInForm decision={d} />
        </div>
      ))}
      <Link to={`/reviews/${reviewId}/decisions/new`} className="govuk-button govuk-button--secondary">
        {decisions.length === 0 ? 'Record a decision' : 'Record another decision'}
      </Link>
    </>
  );
}
