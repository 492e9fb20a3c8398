import { Link as RouterLink } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useReviewRounds } from '../api/get-review-rounds';
import { RoundsTable } from './rounds-table';

type Props = {
  reviewId: string;
  /** Council staff may open the next round. */
  canOpen: boolean;
  /** The review is still being monitored (not signed off or withdrawn). */
  monitorable: boolean;
};

/** The review's progress rounds, newest first, and the way to open the next one. */
export function ReviewRounds({ reviewId, canOpen, monitorable }: Props) {
  const rounds = useReviewRounds(reviewId);
  if (rounds.isPending) return <Loading label="Loading the progress rounds" />;
  if (rounds.isError) return <QueryError error={rounds.error} what="the progress rounds" />;
  const list = [...rounds.data].sort((a, b) => b.sequence - a.sequence);
  const open = list.find((r) => r.status === 'open');
  return (
    <>
      {list.length === 0 ? (
        <p className="govuk-body">No progress round has been opened for this review yet.</p>
      ) : (
        <RoundsTable rounds={list} caption="Progress rounds" roundHeader="Update" />
      )}
      {canOpen && monitorable ? (
        open ? (
          <p className="govuk-body">
            The {open.label} round is open. The next round can be opened once the committee has accepted it.
          </p>
        ) : (
          <RouterLink
            to={`/reviews/${reviewId}/progress-rounds/new`}
            className="govuk-button"
            role="button"
            draggable={false}
            data-module="govuk-button"
          >
            Open a progress round
          </RouterLink>
        )
      ) : null}
    </>
  );
}
