import type { ProgressRound } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Tag } from '@/components/ui/tag';
import { formatDate } from '@/lib/format';
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
  rounds: readonly ProgressRound[];
  caption: string;
  /** Review titles by id, shown under each round's name: for rounds across reviews. */
  reviews?: ReadonlyMap<string, string>;
  /** The first column's heading. */
  roundHeader?: string;
};

/** Progress rounds: deadline, meeting, status and what their updates wait for; across reviews, with each review. */
export function RoundsTable({ rounds, caption, reviews, roundHeader = 'Round' }: Props) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            {roundHeader}
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
        {rounds.map((round) => (
          <tr className="govuk-table__row" key={round.id}>
            <th scope="row" className="govuk-table__header app-table__title">
              <Link to={`/progress-rounds/${round.id}`}>{round.label}</Link>
              {reviews ? (
                <span className="govuk-body-s app-secondary-text app-block">{reviews.get(round.review_id) ?? ''}</span>
              ) : null}
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
  );
}
