import type { CommitteeFound, StatusFound } from '@/api/types';
import { Select, type SelectOption } from '@/components/ui/form';
import { rowsText } from '../lib/contacts';

/** The choices for what a tracker names that the profile does not map yet: status words' grades, committees. */
export type Unmapped = { statuses: Record<string, string>; committees: Record<string, string> };

export const NOTHING_CHOSEN: Unmapped = { statuses: {}, committees: {} };

export function statusSelectId(index: number): string {
  return `status-${index + 1}`;
}

export function committeeSelectId(index: number): string {
  return `committee-${index + 1}`;
}

type Props = {
  statuses: readonly StatusFound[];
  committees: readonly CommitteeFound[];
  /** The council's grades, best first. */
  grades: readonly SelectOption[];
  /** The council's committees. */
  committeeOptions: readonly SelectOption[];
  value: Unmapped;
  onChange: (value: Unmapped) => void;
  errors: Record<string, string>;
};

/**
 * A select of the council's grades for each status word the profile does not map (their rows are
 * rejected until it does), and of the council's committees for each committee name not found.
 */
export function StatusCommitteeMapping({ statuses, committees, grades, committeeOptions, value, onChange, errors }: Props) {
  const unmappedStatuses = statuses.filter((s) => !s.grade);
  const unknownCommittees = committees.filter((c) => !c.committee_id);
  return (
    <>
      {unmappedStatuses.length > 0 ? (
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 className="govuk-fieldset__heading">Status words without a grade</h2>
          </legend>
          <p className="govuk-body">
            The rows with these statuses cannot be imported until each has a grade of your council’s scale.
          </p>
          {unmappedStatuses.map((status) => {
            const id = statusSelectId(statuses.indexOf(status));
            return (
              <Select
                key={status.value}
                id={id}
                label={`Status “${status.value}”`}
                labelClass="govuk-label--s"
                hint={`On ${rowsText(status.rows)}`}
                placeholder="Choose a grade"
                options={grades}
                error={errors[id]}
                value={value.statuses[status.value] ?? ''}
                onChange={(grade) => onChange({ ...value, statuses: { ...value.statuses, [status.value]: grade } })}
              />
            );
          })}
        </fieldset>
      ) : null}
      {unknownCommittees.length > 0 ? (
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 className="govuk-fieldset__heading">Committees not found</h2>
          </legend>
          <p className="govuk-body">
            The reviews these rows would create need a committee of your council. Say which each name or acronym means.
          </p>
          {unknownCommittees.map((committee) => {
            const id = committeeSelectId(committees.indexOf(committee));
            return (
              <Select
                key={committee.value}
                id={id}
                label={`Committee “${committee.value}”`}
                labelClass="govuk-label--s"
                hint={committee.because ?? undefined}
                placeholder="Choose a committee"
                options={committeeOptions}
                error={errors[id]}
                value={value.committees[committee.value] ?? ''}
                onChange={(id) => onChange({ ...value, committees: { ...value.committees, [committee.value]: id } })}
              />
            );
          })}
        </fieldset>
      ) : null}
    </>
  );
}
