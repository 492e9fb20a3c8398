import type { Decision } from '@/api/types';
import { Link } from '@/components/ui/link';
import { formatDate, formatLocalDateTime } from '@/lib/format';
import { CallInState, ImplementableTag } from './call-in-summary';
import { decisionName } from './decision-record';

type Props = {
  decisions: readonly Decision[];
  caption: string;
  /** Review titles by id, for the review column. */
  reviews: ReadonlyMap<string, string>;
};

/** Decisions with their review, publication, call-in deadline and where the call-in is. */
export function DecisionsTable({ decisions, caption, reviews }: Props) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Decision
          </th>
          <th scope="col" className="govuk-table__header">
            Review
          </th>
          <th scope="col" className="govuk-table__header">
            Published
          </th>
          <th scope="col" className="govuk-table__header">
            Call-in deadline
          </th>
          <th scope="col" className="govuk-table__header">
            Call-in
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {decisions.map((d) => (
          <tr className="govuk-table__row" key={d.id}>
            <th scope="row" className="govuk-table__header app-table__title">
              <Link to={`/decisions/${d.id}`}>{decisionName(d)}</Link>
              {d.reference ? <span className="govuk-body-s app-secondary-text app-block">{d.reference}</span> : null}
            </th>
            <td className="govuk-table__cell" data-label="Review">
              <Link to={`/reviews/${d.review_id}#decision`}>{reviews.get(d.review_id) ?? 'The review'}</Link>
            </td>
            <td className="govuk-table__cell" data-label="Published">
              {d.published_on ? formatDate(d.published_on) : 'Not yet'}
            </td>
            <td className="govuk-table__cell" data-label="Call-in deadline">
              {formatLocalDateTime(d.call_in.computed_deadline_local) || '–'}
            </td>
            <td className="govuk-table__cell" data-label="Call-in">
              <CallInState callIn={d.call_in} /> <ImplementableTag callIn={d.call_in} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
