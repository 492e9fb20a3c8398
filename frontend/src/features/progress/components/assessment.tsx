import { useState, type FormEvent } from 'react';
import type { ProgressEntry } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { DateInput, dateParts, isoDate, Radios, Textarea, TextInput, type DateParts } from '@/components/ui/form';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useAcceptEntry, useReturnEntry, useValidateEntry } from '../api/entry-steps';
import { useGradeScale } from '../api/get-grade-scale';
import { levelDisplay, type GradeLevel } from '../lib/grade-scale';
import { GradeValue } from './grades';

function gradeOptions(scale: readonly GradeLevel[]) {
  return scale.map((level) => ({
    value: level.code,
    label: levelDisplay(level),
    hint: level.closes ? 'Closes the recommendation once the committee accepts it' : undefined,
  }));
}

const TARGETS: Record<string, FieldTarget> = {
  grade: { id: 'grade', label: "Officer's grade" },
  reason: { id: 'reason', label: 'Reason for a different grade' },
  override_reason: { id: 'override_reason', label: 'Reason for overriding the parts' },
  comments: { id: 'comments', label: 'Comments for the partner' },
};

const ACCEPT_TARGETS: Record<string, FieldTarget> = {
  grade: { id: 'accepted_grade', label: 'Grade accepted by the committee' },
  meeting_date: { id: 'meeting_date-day', label: 'Committee meeting date' },
  minute_reference: { id: 'minute_reference', label: 'Minute reference' },
};

type Done = (entry: ProgressEntry, message: string) => void;

function partnerName(entry: ProgressEntry): string {
  return entry.organisation?.name ?? 'the council';
}

/** What the partner proposed, beside the officer's choice. */
function Proposed({ entry }: { entry: ProgressEntry }) {
  return (
    <div className="app-proposed">
      <h3 className="govuk-heading-s">Proposed by {partnerName(entry)}</h3>
      <p className="govuk-body-l govuk-!-margin-bottom-2">
        <GradeValue grade={entry.grades.proposed} />
      </p>
      {entry.proposed_explanation ? (
        <p className="govuk-body app-pre-line">{entry.proposed_explanation}</p>
      ) : (
        <p className="govuk-body app-secondary-text">No explanation given.</p>
      )}
      {entry.grades.suggested ? (
        <p className="govuk-body-s">
          Suggested from its parts: <strong>{entry.grades.suggested.display}</strong>
        </p>
      ) : null}
    </div>
  );
}

/**
 * The officer's assessment of a submitted entry: the proposed grade beside the officer's own,
 * validated with a reason where they differ, or returned to the partner with comments.
 */
export function AssessmentForms({ entry, onDone }: { entry: ProgressEntry; onDone: Done }) {
  const canValidate = entry.allowed_transitions.includes('validated');
  const canReturn = entry.allowed_transitions.includes('returned');
  const options = gradeOptions(useGradeScale(entry.council_id));
  const [grade, setGrade] = useState(entry.grades.officer?.code ?? entry.grades.proposed?.code ?? '');
  const [reason, setReason] = useState(entry.officer_reason ?? '');
  const [override, setOverride] = useState(entry.override_reason ?? '');
  const [comments, setComments] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const validate = useValidateEntry(entry.id);
  const ret = useReturnEntry(entry.id);
  const differs = Boolean(grade) && grade !== entry.grades.proposed?.code;
  const overridesParts = Boolean(entry.grades.suggested) && grade !== entry.grades.suggested?.code;
  const locate = (field: string) => TARGETS[field];

  function onValidate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (validate.isPending) return;
    if (!grade) {
      setErrors({ fields: { grade: "Officer's grade: choose a grade" }, summary: [{ field: 'grade', text: "Officer's grade: choose a grade" }] });
      return;
    }
    validate.mutate(
      {
        grade,
        reason: reason.trim() ? reason : null,
        override_reason: override.trim() ? override : null,
      },
      {
        onSuccess: (done) => {
          setErrors(NO_ERRORS);
          onDone(done, `Recommendation ${done.recommendation.number} is validated at ${done.grades.officer?.display ?? grade}.`);
        },
        onError: (error) => setErrors(problemErrors(error, locate)),
      },
    );
  }

  function onReturn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (ret.isPending) return;
    ret.mutate(comments, {
      onSuccess: (done) => {
        setErrors(NO_ERRORS);
        onDone(done, `Recommendation ${done.recommendation.number} is returned to ${partnerName(done)} with your comments.`);
      },
      onError: (error) => setErrors(problemErrors(error, locate)),
    });
  }

  if (!canValidate && !canReturn) return null;
  return (
    <section aria-labelledby="assess-heading" className="app-assessment">
      <h2 className="govuk-heading-l" id="assess-heading">
        Assess this update
      </h2>
      <ErrorSummary errors={errors.summary} />
      {canValidate ? (
        <form onSubmit={onValidate} noValidate aria-labelledby="validate-heading">
          <h3 className="govuk-heading-m" id="validate-heading">
            Validate the grade
          </h3>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <Proposed entry={entry} />
            </div>
            <div className="govuk-grid-column-one-half">
              <Radios
                id="grade"
                name="grade"
                legend="Officer's grade"
                hint="Keep the proposed grade, or choose the grade you think is right."
                error={errors.fields.grade}
                options={options}
                value={grade}
                onChange={setGrade}
                small
              />
            </div>
          </div>
          <Textarea
            id="reason"
            label="Reason for a different grade"
            labelClass="govuk-label--s"
            hint={
              differs
                ? 'Required: your grade differs from the proposed grade. The partner and the committee will see it.'
                : 'Needed only when your grade differs from the proposed grade.'
            }
            error={errors.fields.reason}
            value={reason}
            onChange={setReason}
            rows={3}
          />
          {entry.grades.suggested ? (
            <Textarea
              id="override_reason"
              label="Reason for overriding the parts"
              labelClass="govuk-label--s"
              hint={
                overridesParts
                  ? `Required: your grade differs from ${entry.grades.suggested.display}, the worst of the parts' grades.`
                  : "Needed only when your grade differs from the worst of the parts' grades."
              }
              error={errors.fields.override_reason}
              value={override}
              onChange={setOverride}
              rows={3}
            />
          ) : null}
          <button type="submit" className="govuk-button" disabled={validate.isPending}>
            Validate
          </button>
        </form>
      ) : null}
      {canReturn ? (
        <form onSubmit={onReturn} noValidate aria-labelledby="return-heading">
          <h3 className="govuk-heading-m" id="return-heading">
            Or return it to {partnerName(entry)}
          </h3>
          <Textarea
            id="comments"
            label="Comments for the partner"
            labelClass="govuk-label--s"
            hint="Say what they should add or change. They can edit the update again and resubmit it."
            error={errors.fields.comments}
            value={comments}
            onChange={setComments}
            rows={4}
          />
          <button type="submit" className="govuk-button govuk-button--warning" disabled={ret.isPending}>
            Return with comments
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** The committee's acceptance of a validated entry: its final grade, the meeting and the minute. */
export function AcceptanceForm({ entry, onDone }: { entry: ProgressEntry; onDone: Done }) {
  const options = gradeOptions(useGradeScale(entry.council_id));
  const [grade, setGrade] = useState(entry.grades.officer?.code ?? entry.grades.proposed?.code ?? '');
  const [meeting, setMeeting] = useState<DateParts>(() => dateParts(entry.round.meeting_date));
  const [minute, setMinute] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const accept = useAcceptEntry(entry.id);
  if (!entry.allowed_transitions.includes('accepted')) return null;
  const differs = Boolean(grade) && grade !== entry.grades.officer?.code;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (accept.isPending) return;
    const date = isoDate(meeting);
    if (date === 'invalid') {
      const text = 'Committee meeting date: must be a real date, for example 24 11 2022';
      setErrors({ fields: { 'meeting_date-day': text }, summary: [{ field: 'meeting_date-day', text }] });
      return;
    }
    accept.mutate(
      { grade: grade || null, meeting_date: date, minute_reference: minute.trim() ? minute : null },
      {
        onSuccess: (done) => {
          setErrors(NO_ERRORS);
          const closes = done.grades.accepted?.closes ? ' The recommendation is closed.' : ' It stays outstanding for the next round.';
          onDone(done, `The committee's acceptance of recommendation ${done.recommendation.number} at ${done.grades.accepted?.display ?? grade} is recorded.${closes}`);
        },
        onError: (error) => setErrors(problemErrors(error, (field) => ACCEPT_TARGETS[field])),
      },
    );
  }

  return (
    <section aria-labelledby="accept-heading" className="app-assessment">
      <h2 className="govuk-heading-l" id="accept-heading">
        Record the committee&apos;s acceptance
      </h2>
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={onSubmit} noValidate>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <h3 className="govuk-heading-s">Officer&apos;s grade</h3>
            <p className="govuk-body-l">
              <GradeValue grade={entry.grades.officer} differs={entry.grades.proposed_differs_from_officer} from="proposed" />
            </p>
            <p className="govuk-body-s">Proposed by {partnerName(entry)}: {entry.grades.proposed?.display ?? '–'}</p>
          </div>
          <div className="govuk-grid-column-one-half">
            <Radios
              id="accepted_grade"
              name="accepted_grade"
              legend="Grade accepted by the committee"
              hint={differs ? "This differs from the officer's grade; both are kept." : "The officer's grade unless the committee decided otherwise."}
              error={errors.fields.accepted_grade}
              options={options}
              value={grade}
              onChange={setGrade}
              small
            />
          </div>
        </div>
        <DateInput
          id="meeting_date"
          legend="Committee meeting date"
          hint={entry.round.meeting_date ? 'The round’s meeting, unless the committee took it at another.' : 'For example, 24 11 2022'}
          error={errors.fields['meeting_date-day']}
          value={meeting}
          onChange={setMeeting}
        />
        <TextInput
          id="minute_reference"
          label="Minute reference (optional)"
          labelClass="govuk-label--s"
          hint="For example, CDSC 24/11/22 minute 7"
          width="govuk-input--width-20"
          error={errors.fields.minute_reference}
          value={minute}
          onChange={setMinute}
        />
        <button type="submit" className="govuk-button" disabled={accept.isPending}>
          Record acceptance
        </button>
      </form>
    </section>
  );
}
