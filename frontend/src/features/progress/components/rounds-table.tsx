import type { ProgressRound } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Tag } from '@/components/ui/tag';
import { formatDate } from '@/lib/format';
import { OverdueTag } from './entry-state-tag';
import { roundProgress } from './review-rounds';

type Props = {
  rounds: readonly ProgressRound[];
  caption: string;
  /** Review titles by id. */
  reviews: ReadonlyMap<string, string>;
};

/** Progress rounds across reviews: deadline, meeting, status and what their updates wait for. */
export function RoundsTable({ rounds, caption, reviews }: Props) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Round
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
              <span className="govuk-body-s app-secondary-text app-block">{reviews.get(round.review_id) ?? ''}</span>
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
