// Tables of work: what a partner owes, what an officer has to assess, which rounds are overdue
// or due soon.
import type { ProgressEntry, RoundWork } from '@/api/types';
import { Link } from '@/components/ui/link';
import { formatDate, formatInstant } from '@/lib/format';
import { EntryStateTag, OverdueTag } from './entry-state-tag';
import { GradeValue } from './grades';

function recommendationName(e: ProgressEntry): string {
  return e.part ? `Recommendation ${e.recommendation.number}${e.part.label})` : `Recommendation ${e.recommendation.number}`;
}

/** A partner's inbox: each update its organisation owes, with when it is due. */
export function InboxTable({ entries, caption }: { entries: readonly ProgressEntry[]; caption: string }) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Update
          </th>
          <th scope="col" className="govuk-table__header">
            Review
          </th>
          <th scope="col" className="govuk-table__header">
            Due
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {entries.map((e) => (
          <tr className="govuk-table__row" key={e.id}>
            <th scope="row" className="govuk-table__header app-table__title">
              <Link to={`/progress-entries/${e.id}`}>
                {recommendationName(e)}, {e.round.label}
              </Link>
            </th>
            <td className="govuk-table__cell" data-label="Review">
              {e.review_title}
            </td>
            <td className="govuk-table__cell" data-label="Due">
              {formatDate(e.round.deadline)} {e.overdue ? <OverdueTag /> : null}
            </td>
            <td className="govuk-table__cell" data-label="Status">
              <EntryStateTag entry={e} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An officer's queue: submissions to assess and validated updates awaiting the committee. */
export function AssessmentsTable({
  entries,
  caption,
  hideCaption = false,
}: {
  entries: readonly ProgressEntry[];
  caption: string;
  /** Under a heading that already says it: the caption is for screen readers only. */
  hideCaption?: boolean;
}) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className={hideCaption ? 'govuk-visually-hidden' : 'govuk-table__caption govuk-table__caption--m'}>
        {caption}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Update
          </th>
          <th scope="col" className="govuk-table__header">
            From
          </th>
          <th scope="col" className="govuk-table__header">
            Submitted
          </th>
          <th scope="col" className="govuk-table__header">
            Grade
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {entries.map((e) => (
          <tr className="govuk-table__row" key={e.id}>
            <th scope="row" className="govuk-table__header app-table__title">
              <Link to={`/progress-entries/${e.id}`}>
                {recommendationName(e)}, {e.round.label}
              </Link>
              <span className="govuk-body-s app-secondary-text app-block">{e.review_title}</span>
            </th>
            <td className="govuk-table__cell" data-label="From">
              {e.organisation?.name ?? 'The council'}
            </td>
            <td className="govuk-table__cell" data-label="Submitted">
              {e.submitted_at ? formatInstant(e.submitted_at) : ''}
            </td>
            <td className="govuk-table__cell" data-label="Grade">
              {e.state === 'validated' ? (
                <GradeValue grade={e.grades.officer} differs={e.grades.proposed_differs_from_officer} from="proposed" />
              ) : (
                <GradeValue grade={e.grades.proposed} />
              )}
            </td>
            <td className="govuk-table__cell" data-label="Status">
              <EntryStateTag entry={e} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Open rounds with what is still owed, to assess and to take to the committee. */
export function RoundWorkTable({
  rounds,
  caption,
  hideCaption = false,
}: {
  rounds: readonly RoundWork[];
  caption: string;
  hideCaption?: boolean;
}) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className={hideCaption ? 'govuk-visually-hidden' : 'govuk-table__caption govuk-table__caption--m'}>
        {caption}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Round
          </th>
          <th scope="col" className="govuk-table__header">
            Partners report by
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Owed by partners
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            To assess
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            For the committee
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rounds.map((r) => (
          <tr className="govuk-table__row" key={r.round_id}>
            <th scope="row" className="govuk-table__header app-table__title">
              <Link to={`/progress-rounds/${r.round_id}`}>{r.label}</Link>
              <span className="govuk-body-s app-secondary-text app-block">{r.review_title}</span>
            </th>
            <td className="govuk-table__cell" data-label="Partners report by">
              {formatDate(r.deadline)}
            </td>
            <td className="govuk-table__cell govuk-table__cell--numeric" data-label="Owed by partners">
              {r.owed}
            </td>
            <td className="govuk-table__cell govuk-table__cell--numeric" data-label="To assess">
              {r.to_assess}
            </td>
            <td className="govuk-table__cell govuk-table__cell--numeric" data-label="For the committee">
              {r.to_accept}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Progress updates across reviews: who reports, when it is due, where it is and its grade now. */
export function EntriesTable({ entries, caption }: { entries: readonly ProgressEntry[]; caption: string }) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Update
          </th>
          <th scope="col" className="govuk-table__header">
            Reported by
          </th>
          <th scope="col" className="govuk-table__header">
            Due
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
          <th scope="col" className="govuk-table__header">
            Grade
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {entries.map((e) => (
          <tr className="govuk-table__row" key={e.id}>
            <th scope="row" className="govuk-table__header app-table__title">
              <Link to={`/progress-entries/${e.id}`}>
                {recommendationName(e)}, {e.round.label}
              </Link>
              <span className="govuk-body-s app-secondary-text app-block">{e.review_title}</span>
            </th>
            <td className="govuk-table__cell" data-label="Reported by">
              {e.organisation?.name ?? 'The council'}
            </td>
            <td className="govuk-table__cell" data-label="Due">
              {formatDate(e.round.deadline)} {e.overdue ? <OverdueTag /> : null}
            </td>
            <td className="govuk-table__cell" data-label="Status">
              <EntryStateTag entry={e} />
            </td>
            <td className="govuk-table__cell" data-label="Grade">
              <GradeValue grade={e.grades.current} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
