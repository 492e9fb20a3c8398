import type { StatutoryResponse } from '@/api/types';
import { Link } from '@/components/ui/link';
import { formatDate } from '@/lib/format';
import { RESPONDER_KINDS } from '../lib/labels';
import { ResponseStateTag } from './response-state-tag';

type Props = {
  responses: readonly StatutoryResponse[];
  caption: string;
  /** Show the review each answers (a list across reviews); not on a review's own page. */
  showReview?: boolean;
  captionClass?: string;
};

function Header({ children }: { children: string }) {
  return (
    <th scope="col" className="govuk-table__header">
      {children}
    </th>
  );
}

/** Responses with who responds, when the report was received, when each is due and where it is. */
export function ResponsesTable({ responses, caption, showReview = false, captionClass = 'govuk-table__caption--m' }: Props) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className={`govuk-table__caption ${captionClass}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <Header>Responder</Header>
          {showReview ? <Header>Review</Header> : null}
          <Header>Kind</Header>
          <Header>Report received</Header>
          <Header>Due</Header>
          <Header>State</Header>
          <Header>Received</Header>
          <Header>Published</Header>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {responses.map((r) => (
          <tr className="govuk-table__row" key={r.id}>
            <th scope="row" className="govuk-table__header app-table__title">
              <Link to={`/statutory-responses/${r.id}`}>
                <span className="govuk-visually-hidden">Response of</span> {r.responder_name}
              </Link>
            </th>
            {showReview ? (
              <td className="govuk-table__cell" data-label="Review">
                <Link to={`/reviews/${r.review_id}`}>{r.review_title}</Link>
              </td>
            ) : null}
            <td className="govuk-table__cell" data-label="Kind">
              {RESPONDER_KINDS[r.responder_kind]}
            </td>
            <td className="govuk-table__cell" data-label="Report received">
              {formatDate(r.report_received_on)}
            </td>
            <td className="govuk-table__cell" data-label="Due">
              {formatDate(r.due_on)}
            </td>
            <td className="govuk-table__cell" data-label="State">
              <ResponseStateTag response={r} />
            </td>
            <td className="govuk-table__cell" data-label="Received">
              {r.received_on ? formatDate(r.received_on) : <span className="app-secondary-text">Not yet</span>}
            </td>
            <td className="govuk-table__cell" data-label="Published">
              {r.published_on ? formatDate(r.published_on) : <span className="app-secondary-text">Not yet</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
