import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@/api/problem';
import type { ProgressRound, UpdateProgressRound } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { PageTitle } from '@/components/ui/page-title';
import { DateInput, dateParts, isoDate, TextInput, type DateParts } from '@/components/ui/form';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useUpdateRound } from '../api/change-round';
import { progressKeys } from '../api/keys';

const TARGETS: Record<string, FieldTarget> = {
  label: { id: 'label', label: 'Name of the update' },
  deadline: { id: 'deadline-day', label: 'Deadline for partners' },
  meeting_date: { id: 'meeting_date-day', label: 'Committee meeting date' },
  minute_reference: { id: 'minute_reference', label: 'Minute reference' },
};

type Values = { label: string; deadline: DateParts; meeting: DateParts; minute: string };

function valuesOf(round: ProgressRound): Values {
  return {
    label: round.label,
    deadline: dateParts(round.deadline),
    meeting: dateParts(round.meeting_date),
    minute: round.minute_reference ?? '',
  };
}

type Props = {
  /** The page's title, "Error: " before it while the form shows errors. */
  title: string;
  /** The caption and h1, under the error summary. */
  heading: ReactNode;
  round: ProgressRound;
  onSaved: (round: ProgressRound) => void;
};

/**
 * Changing a round's name, deadline, committee meeting or minute reference. Only what the officer
 * changed is sent, with `If-Match`: when someone else saved the round meanwhile (412) what they
 * typed stays, the page takes the other version, and saving again sends their changes on top of it.
 */
export function RoundForm({ title, heading, round, onSaved }: Props) {
  const queryClient = useQueryClient();
  const [base] = useState(() => valuesOf(round));
  const [values, setValues] = useState(base);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const update = useUpdateRound(round.id);
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const found: FormErrors = { fields: {}, summary: [] };
    const add = (id: string, text: string) => {
      found.fields[id] = text;
      found.summary.push({ field: id, text });
    };
    const label = values.label.trim();
    if (!label) add('label', 'Name of the update: enter a name, for example November 2022');
    const deadline = isoDate(values.deadline);
    if (deadline === null) add('deadline-day', 'Deadline for partners: enter the date their updates are due');
    else if (deadline === 'invalid') add('deadline-day', 'Deadline for partners: must be a real date, for example 5 5 2023');
    const meeting = isoDate(values.meeting);
    if (meeting === 'invalid') add('meeting_date-day', 'Committee meeting date: must be a real date, for example 25 5 2023');
    setErrors(found);
    if (found.summary.length > 0 || deadline === null || deadline === 'invalid' || meeting === 'invalid') return;

    // Only the fields the officer changed since opening the form.
    const body: UpdateProgressRound = {};
    if (label !== base.label.trim()) body.label = label;
    if (deadline !== isoDate(base.deadline)) body.deadline = deadline;
    if (meeting !== isoDate(base.meeting)) body.meeting_date = meeting;
    const minute = values.minute.trim() ? values.minute.trim() : null;
    if (minute !== (base.minute.trim() ? base.minute.trim() : null)) body.minute_reference = minute;
    if (Object.keys(body).length === 0) {
      onSaved(round);
      return;
    }
    update.mutate(
      { version: round.version, body },
      {
        onSuccess: onSaved,
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            void queryClient.invalidateQueries({ queryKey: progressKeys.round(round.id) });
            setErrors({
              fields: {},
              summary: [
                {
                  text: 'Someone else changed this round after you opened this page. Your changes have not been saved and are still in the form: the page now has their version, so check it and save again.',
                },
              ],
            });
            return;
          }
          setErrors(problemErrors(error, (field) => TARGETS[field]));
        },
      },
    );
  }

  return (
    <>
      <PageTitle title={title} error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      {heading}
      <form onSubmit={submit} noValidate>
        <TextInput
          id="label"
          label="Name of the update"
          labelClass="govuk-label--s"
          hint="As the committee papers call it, for example November 2022"
          width="govuk-input--width-20"
          error={errors.fields.label}
          value={values.label}
          onChange={set('label')}
        />
        <DateInput
          id="deadline"
          legend="Deadline for partners"
          hint="For example, 5 5 2023. Partners who have not reported by then are sent chasers."
          error={errors.fields['deadline-day']}
          value={values.deadline}
          onChange={set('deadline')}
        />
        <DateInput
          id="meeting_date"
          legend="Committee meeting date (optional)"
          hint="The meeting the update goes to. It must not be before the deadline."
          error={errors.fields['meeting_date-day']}
          value={values.meeting}
          onChange={set('meeting')}
        />
        <TextInput
          id="minute_reference"
          label="Minute reference (optional)"
          labelClass="govuk-label--s"
          hint="The minute of the meeting that received the update, for example CDS/12/22"
          width="govuk-input--width-20"
          error={errors.fields.minute_reference}
          value={values.minute}
          onChange={set('minute')}
        />
        <button type="submit" className="govuk-button" disabled={update.isPending}>
          Save changes
        </button>
      </form>
    </>
  );
}
