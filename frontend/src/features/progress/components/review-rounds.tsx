import { Link as RouterLink } from 'react-router';
import type { ProgressRound } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { Tag } from '@/components/ui/tag';
import { formatDate } from '@/lib/format';
import { useReviewRounds } from '../api/get-review-rounds';
import { OverdueTag } from './entry-state-tag';

/** What a round's updates are waiting for, in words. */
export function roundProgress(round: ProgressRound): string {
  const c = round.entries;
  if (c.total === 0) return 'No updates';
  if (c.accepted === c.total) return `All ${c.total} accepted`;
  const waiting = c.draft + c.returned;
  const parts = [
    waiting ? `${waiting} awaited from partners` : '',
    c.submitted ? `${c.submitted} to assess` : '',
    c.validated ? `${c.validated} awaiting the committee` : '',
    c.accepted ? `${c.accepted} accepted` : '',
  ].filter(Boolean);
  return parts.join(', ');
}

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
        <table className="govuk-table app-table--responsive">
          <caption className="govuk-table__caption govuk-table__caption--m">Progress rounds</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Update
              </th>
              <th scope="col" className="govuk-table__header">
                Partners report by
              </th>
              <th scope="col" className="govuk-table__header">
                Committee meeting
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header">
                Updates
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {list.map((round) => (
              <tr className="govuk-table__row" key={round.id}>
                <th scope="row" className="govuk-table__header app-table__title">
                  <Link to={`/progress-rounds/${round.id}`}>{round.label}</Link>
                </th>
                <td className="govuk-table__cell" data-label="Partners report by">
                  {formatDate(round.deadline)}
                </td>
                <td className="govuk-table__cell" data-label="Committee meeting">
                  {round.meeting_date ? formatDate(round.meeting_date) : 'Not set'}
                </td>
                <td className="govuk-table__cell" data-label="Status">
                  {round.status === 'open' ? <Tag colour="blue">Open</Tag> : <Tag colour="green">Closed</Tag>}{' '}
                  {round.overdue ? <OverdueTag /> : null}
                </td>
                <td className="govuk-table__cell" data-label="Updates">
                  {roundProgress(round)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
