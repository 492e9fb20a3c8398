import type { ReactNode } from 'react';
import type { ImportIssue } from '@/api/types';
import { Tag, type TagColour } from '@/components/ui/tag';
import { plural } from '../lib/source';

const SEVERITY: Record<string, { label: string; colour: TagColour }> = {
  rejected: { label: 'Cannot be imported', colour: 'red' },
  guessed: { label: 'Check', colour: 'yellow' },
  skipped: { label: 'Skipped', colour: 'grey' },
};

function severityOf(issue: ImportIssue) {
  return SEVERITY[issue.severity] ?? { label: issue.severity, colour: 'grey' as TagColour };
}

export function issueId(index: number): string {
  return `import-issue-${index + 1}`;
}

function issueWhere(issue: ImportIssue, noun: string): string {
  const row = issue.row ? `Row ${issue.row}` : `The whole ${noun}`;
  return issue.column ? `${row}, ${issue.column}` : row;
}

/** The rejected rows, as an error summary whose links go to their rows in the report. */
export function rejectedSummary(issues: readonly ImportIssue[], noun: string) {
  return issues.flatMap((issue, i) =>
    issue.severity === 'rejected' ? [{ field: issueId(i), text: `${issueWhere(issue, noun)}: ${issue.reason}` }] : [],
  );
}

/** A wide table that scrolls sideways on a narrow screen, reachable by keyboard. */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="app-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * The import's row report: each row, cell or line rejected (red: not imported), guessed at (yellow:
 * imported as the reason says: a cell read as several people, initials, a name joined or split, a
 * new contact) or skipped, with where it is and why.
 */
export function IssuesTable({ issues, noun }: { issues: readonly ImportIssue[]; noun: string }) {
  if (issues.length === 0) return <p className="govuk-body">No problems were found in the {noun}.</p>;
  const caption = `Row report: ${plural(issues.length, 'problem', 'problems')} found`;
  const guessed = issues.some((i) => i.severity === 'guessed');
  return (
    <>
      {guessed ? (
        <p className="govuk-body">
          Rows marked ‘Check’ are imported as the ‘Why’ column says, for example a cell read as more than one person,
          or a person created as a new contact. Make sure each one is right before you import.
        </p>
      ) : null}
      <ScrollTable label={caption}>
        <table className="govuk-table app-import-report">
          <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Row
              </th>
              <th scope="col" className="govuk-table__header">
                Column
              </th>
              <th scope="col" className="govuk-table__header">
                Value
              </th>
              <th scope="col" className="govuk-table__header">
                Outcome
              </th>
              <th scope="col" className="govuk-table__header">
                Why
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {issues.map((issue, i) => {
              const severity = severityOf(issue);
              return (
                <tr className="govuk-table__row" key={issueId(i)} id={issueId(i)} tabIndex={-1}>
                  <td className="govuk-table__cell">{issue.row ?? `Whole ${noun}`}</td>
                  <td className="govuk-table__cell">{issue.column ?? ''}</td>
                  <td className="govuk-table__cell app-pre-line">{issue.value}</td>
                  <td className="govuk-table__cell">
                    <Tag colour={severity.colour}>{severity.label}</Tag>
                  </td>
                  <td className="govuk-table__cell">{issue.reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}
