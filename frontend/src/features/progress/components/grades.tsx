import type { Grade, Grades } from '@/api/types';
import { gradeText } from '../lib/grade-scale';

/** A grade, marked (in words, not only colour) where it differs from the one it follows. */
export function GradeValue({ grade, differs, from }: { grade?: Grade | null; differs?: boolean; from?: string }) {
  if (!grade) return <span className="app-secondary-text">–</span>;
  return (
    <span className={differs ? 'app-grade app-grade--differs' : 'app-grade'}>
      {gradeText(grade)}
      {differs && from ? <span className="app-grade__note">differs from {from}</span> : null}
    </span>
  );
}

/** Which grade differs from which, in a sentence, or null when they agree. */
export function gradeDifferences(grades: Grades): string | null {
  const out: string[] = [];
  if (grades.proposed_differs_from_officer) out.push("the officer's grade differs from the proposed grade");
  if (grades.officer_differs_from_accepted) out.push("the accepted grade differs from the officer's grade");
  else if (grades.proposed_differs_from_accepted) out.push('the accepted grade differs from the proposed grade');
  if (out.length === 0) return null;
  const text = out.join(', and ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * The three grades side by side (docs/domain.md rule 2): the partner's proposed grade, the officer's
 * and the committee's accepted one, with each difference marked.
 */
export function GradesCompare({ grades, caption = 'Grades' }: { grades: Grades; caption?: string }) {
  const note = gradeDifferences(grades);
  return (
    <>
      <table className="govuk-table app-grades">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Proposed by the partner
            </th>
            <th scope="col" className="govuk-table__header">
              Officer&apos;s grade
            </th>
            <th scope="col" className="govuk-table__header">
              Accepted by the committee
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          <tr className="govuk-table__row">
            <td className="govuk-table__cell">
              <GradeValue grade={grades.proposed} />
            </td>
            <td className="govuk-table__cell">
              <GradeValue grade={grades.officer} differs={grades.proposed_differs_from_officer} from="proposed" />
            </td>
            <td className="govuk-table__cell">
              <GradeValue
                grade={grades.accepted}
                differs={grades.officer_differs_from_accepted || grades.proposed_differs_from_accepted}
                from={grades.officer_differs_from_accepted ? "officer's" : 'proposed'}
              />
            </td>
          </tr>
        </tbody>
      </table>
      {grades.suggested ? (
        <p className="govuk-body-s">
          Suggested from its parts (the worst of their grades): <strong>{grades.suggested.display}</strong>
        </p>
      ) : null}
      {note ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {note}
          </strong>
        </div>
      ) : null}
    </>
  );
}
