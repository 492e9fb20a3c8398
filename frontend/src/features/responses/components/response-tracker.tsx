import type { ExpectedResponder } from '@/api/types';
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useResponseTracker } from '../api/get-tracker';
import { RESPONDER_KINDS } from '../lib/labels';
import { ResponsesTable } from './responses-table';

/** The form to record a responder, prefilled with who they are. */
export function recordLink(reviewId: string, expected?: Pick<ExpectedResponder, 'responder_kind' | 'organisation_id'>): string {
  const base = `/reviews/${reviewId}/statutory-responses/new`;
  if (!expected) return base;
  const params = new URLSearchParams({ kind: expected.responder_kind });
  if (expected.responder_kind === 'partner') params.set('organisation_id', expected.organisation_id);
  return `${base}?${params.toString()}`;
}

function ExpectedTable({ reviewId, expected }: { reviewId: string; expected: readonly ExpectedResponder[] }) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--s">Still to respond, with no response recorded</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Responder
          </th>
          <th scope="col" className="govuk-table__header">
            Kind
          </th>
          <th scope="col" className="govuk-table__header">
            Recommendations
          </th>
          <th scope="col" className="govuk-table__header">
            Period to respond
          </th>
          <th scope="col" className="govuk-table__header">
            <span className="govuk-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {expected.map((e) => (
          <tr className="govuk-table__row" key={e.organisation_id}>
            <th scope="row" className="govuk-table__header app-table__title">
              {e.name}
            </th>
            <td className="govuk-table__cell" data-label="Kind">
              {RESPONDER_KINDS[e.responder_kind]}
            </td>
            <td className="govuk-table__cell" data-label="Recommendations">
              {e.recommendation_ids.length === 1 ? '1 recommendation' : `${e.recommendation_ids.length} recommendations`}
            </td>
            <td className="govuk-table__cell" data-label="Period to respond">
              {e.period}
            </td>
            <td className="govuk-table__cell">
              <Link to={recordLink(reviewId, e)}>
                Record <span className="govuk-visually-hidden">the response of {e.name}</span>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Props = {
  reviewId: string;
  /** Council staff record who must respond. */
  canRecord: boolean;
};

/**
 * A review's statutory responses: who has responded to its report (or must), by when, and where
 * each response is; for council staff, who else must respond, each with a way to record it.
 */
export function ResponseTracker({ reviewId, canRecord }: Props) {
  const tracker = useResponseTracker(reviewId);
  if (tracker.isPending) return <Loading label="Loading the statutory responses" />;
  if (tracker.isError) {
    if (tracker.error instanceof ApiError && [403, 404].includes(tracker.error.status)) {
      return <p className="govuk-body">No statutory response to this review&apos;s report has been recorded.</p>;
    }
    return <QueryError error={tracker.error} what="the statutory responses" />;
  }
  const { items, expected } = tracker.data;
  return (
    <>
      {items.length === 0 ? (
        <p className="govuk-body">No statutory response to this review&apos;s report has been recorded yet.</p>
      ) : (
        <ResponsesTable responses={items} caption="Responses to the report" />
      )}
      {canRecord && expected.length > 0 ? <ExpectedTable reviewId={reviewId} expected={expected} /> : null}
      {canRecord ? (
        <p className="govuk-body">
          <Link to={recordLink(reviewId)}>
            {items.length + expected.length > 0 ? 'Record another responder' : 'Record a responder'}
          </Link>
        </p>
      ) : null}
    </>
  );
}
