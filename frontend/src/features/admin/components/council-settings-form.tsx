import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { Calendar, CouncilSettings, PeriodUnit, PutCouncilSettings, ResponsePeriodInput } from '@/api/types';
import { Link } from '@/components/ui/link';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Select, TextInput } from '@/components/ui/form';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { usePutCouncilSettings } from '../api/council-settings';
import { clientErrors } from '../lib/form-errors';
import { scaleBody, scaleDraft, scaleProblems, type ScaleDraft } from '../lib/grade-scale';
import { useEditDraft } from '../lib/use-edit-draft';
import { ConflictBanner } from './conflict-banner';
import { GradeScaleFields } from './grade-scale-fields';

type Draft = {
  calendar_id: string;
  call_in_working_days: string;
  call_in_end_time: string;
  time_zone: string;
  first_update_months: string;
  reminder_days_before: string;
  chaser_interval_days: string;
  executive_period_amount: string;
  executive_period_unit: PeriodUnit;
  partner_period_amount: string;
  partner_period_unit: PeriodUnit;
  scale: ScaleDraft;
};

const draftOf = (s: CouncilSettings): Draft => ({
  calendar_id: s.calendar_id,
  call_in_working_days: String(s.call_in_working_days),
  call_in_end_time: s.call_in_end_time,
  time_zone: s.time_zone,
  first_update_months: String(s.first_update_months),
  reminder_days_before: String(s.reminder_days_before),
  chaser_interval_days: String(s.chaser_interval_days),
  executive_period_amount: String(s.executive_response_period.amount),
  executive_period_unit: s.executive_response_period.unit,
  partner_period_amount: String(s.partner_response_period.amount),
  partner_period_unit: s.partner_response_period.unit,
  scale: scaleDraft(s.grade_scale),
});

const PERIOD_UNITS = [
  { value: 'days', label: 'days' },
  { value: 'months', label: 'months' },
];

/** The most a period may be, in its unit (the API's limits). */
const PERIOD_MAX: Record<PeriodUnit, number> = { days: 366, months: 24 };

const TARGETS: Record<string, FieldTarget> = {
  calendar_id: { id: 'calendar_id', label: 'Working-day calendar' },
  call_in_working_days: { id: 'call_in_working_days', label: 'Call-in period' },
  call_in_end_time: { id: 'call_in_end_time', label: 'Call-in period ends at' },
  time_zone: { id: 'time_zone', label: 'Time zone' },
  first_update_months: { id: 'first_update_months', label: 'First progress update' },
  reminder_days_before: { id: 'reminder_days_before', label: 'Reminder' },
  chaser_interval_days: { id: 'chaser_interval_days', label: 'Chasers' },
  executive_response_period: { id: 'executive_period_amount', label: "Executive's response period" },
  partner_response_period: { id: 'partner_period_amount', label: "Partner's response period" },
  grade_scale: { id: 'grade-levels', label: 'Grading scale' },
};

function locate(field: string): FieldTarget | undefined {
  if (field.startsWith('grade_scale')) return TARGETS.grade_scale;
  if (field.startsWith('executive_response_period')) return TARGETS.executive_response_period;
  if (field.startsWith('partner_response_period')) return TARGETS.partner_response_period;
  return TARGETS[field];
}

/** A whole number in a range, or the message to show. */
function wholeNumber(value: string, min: number, max: number): number | string {
  const t = value.trim();
  if (!/^\d+$/.test(t)) return `enter a whole number from ${min} to ${max}`;
  const n = Number(t);
  return n < min || n > max ? `must be from ${min} to ${max}` : n;
}

type Props = {
  councilId: string;
  settings: CouncilSettings;
  calendars: readonly Calendar[];
  onReload: () => Promise<unknown>;
};

/**
 * A council's settings as one form: the call-in rule, when the first progress update is due,
 * reminders and chasers, and the grading scale. Saving replaces them all (PUT, with If-Match).
 */
export function CouncilSettingsForm({ councilId, settings, calendars, onReload }: Props) {
  const edit = useEditDraft<CouncilSettings, Draft>(settings, draftOf, draftOf(settings));
  const { draft, setDraft } = edit;
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const put = usePutCouncilSettings(councilId);

  function save(version: number) {
    setSaved(false);
    const found: { id: string; text: string }[] = [];
    const number = (id: keyof Draft, label: string, min: number, max: number) => {
      const n = wholeNumber(draft[id] as string, min, max);
      if (typeof n === 'string') found.push({ id, text: `${label}: ${n}` });
      return typeof n === 'number' ? n : 0;
    };
    if (!draft.calendar_id) found.push({ id: 'calendar_id', text: 'Working-day calendar: choose one' });
    const days = number('call_in_working_days', 'Call-in period', 1, 60);
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.call_in_end_time.trim())) {
      found.push({ id: 'call_in_end_time', text: 'Call-in period ends at: enter a time on the 24-hour clock, such as 23:59' });
    }
    if (!draft.time_zone.trim()) found.push({ id: 'time_zone', text: 'Time zone: enter a time zone such as Europe/London' });
    const months = number('first_update_months', 'First progress update', 1, 60);
    const reminder = number('reminder_days_before', 'Reminder', 0, 90);
    const chaser = number('chaser_interval_days', 'Chasers', 1, 90);
    const period = (who: 'executive' | 'partner', label: string): ResponsePeriodInput => {
      const unit = draft[`${who}_period_unit`];
      return { amount: number(`${who}_period_amount`, label, 1, PERIOD_MAX[unit]), unit };
    };
    const executivePeriod = period('executive', "Executive's response period");
    const partnerPeriod = period('partner', "Partner's response period");
    found.push(...scaleProblems(draft.scale));
    setErrors(clientErrors(found));
    if (found.length > 0) return;
    const body: PutCouncilSettings = {
      calendar_id: draft.calendar_id,
      call_in_working_days: days,
      call_in_end_time: draft.call_in_end_time.trim(),
      time_zone: draft.time_zone.trim(),
      first_update_months: months,
      reminder_days_before: reminder,
      chaser_interval_days: chaser,
      executive_response_period: executivePeriod,
      partner_response_period: partnerPeriod,
      // The document describes the scale as an object; its shape is the API's GradeScaleDoc.
      grade_scale: scaleBody(draft.scale),
    };
    put.mutate(
      { version, body },
      {
        onSuccess: (s) => {
          edit.saved(s);
          setSaved(true);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors(NO_ERRORS);
            edit.startConflict();
            void onReload();
            return;
          }
          setErrors(problemErrors(error, locate));
        },
      },
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!put.isPending) save(edit.baseVersion);
  }

  const set = (key: Exclude<keyof Draft, 'scale'>) => (value: string) => setDraft({ ...draft, [key]: value });
  const period = (who: 'executive' | 'partner', legend: string, hint: string) => {
    const amountId = `${who}_period_amount` as const;
    const unitId = `${who}_period_unit` as const;
    const error = errors.fields[amountId];
    return (
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" role="group" aria-describedby={`${who}_period-hint${error ? ` ${amountId}-error` : ''}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
          <div id={`${who}_period-hint`} className="govuk-hint">
            {hint}
          </div>
          {error ? (
            <p id={`${amountId}-error`} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <div className="app-period">
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={amountId}>
                Amount
              </label>
              <input
                className={`govuk-input govuk-input--width-3${error ? ' govuk-input--error' : ''}`}
                id={amountId}
                name={amountId}
                type="text"
                inputMode="numeric"
                value={draft[amountId]}
                onChange={(e) => set(amountId)(e.target.value)}
              />
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={unitId}>
                Unit
              </label>
              <select
                className="govuk-select"
                id={unitId}
                name={unitId}
                value={draft[unitId]}
                onChange={(e) => set(unitId)(e.target.value === 'months' ? 'months' : 'days')}
              >
                {PERIOD_UNITS.map((u) => (
                  <option key={u.value} value={u.value}>
                    {u.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
      </div>
    );
  };
  return (
    <>
      {saved ? <NotificationBanner kind="success" heading="The council's settings have been saved" /> : null}
      <ErrorSummary errors={errors.summary} />
      {edit.conflict ? (
        <ConflictBanner what="these settings" ready={edit.latestReady} onKeepMine={() => save(edit.keepMine())} onTakeTheirs={edit.takeTheirs} />
      ) : null}
      {settings.is_default ? (
        <div className="govuk-inset-text">This council uses the default settings. Saving gives it its own.</div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <h2 className="govuk-heading-m">Call-in</h2>
        <Select
          id="calendar_id"
          label="Working-day calendar"
          labelClass="govuk-label--s"
          hint={
            <>
              The bank holidays and closure days that call-in periods skip. See and change them in{' '}
              <Link to="/admin/calendars">calendars and holidays</Link>.
            </>
          }
          error={errors.fields.calendar_id}
          value={draft.calendar_id}
          onChange={set('calendar_id')}
          placeholder="Choose a calendar"
          options={calendars.map((c) => ({ value: c.id, label: c.name }))}
        />
        <TextInput id="call_in_working_days" label="Call-in period, in working days" labelClass="govuk-label--s" hint="Counting the day the decision is published as day one. From 1 to 60." width="govuk-input--width-3" error={errors.fields.call_in_working_days} value={draft.call_in_working_days} onChange={set('call_in_working_days')} />
        <TextInput id="call_in_end_time" label="Call-in period ends at" labelClass="govuk-label--s" hint="The local time on its last working day, on the 24-hour clock, for example 23:59" width="govuk-input--width-5" error={errors.fields.call_in_end_time} value={draft.call_in_end_time} onChange={set('call_in_end_time')} />
        <TextInput id="time_zone" label="Time zone" labelClass="govuk-label--s" hint="For example, Europe/London" width="govuk-input--width-20" error={errors.fields.time_zone} value={draft.time_zone} onChange={set('time_zone')} spellCheck={false} />

        <h2 className="govuk-heading-m">Progress updates</h2>
        <TextInput id="first_update_months" label="First progress update, in months after the action plan is agreed" labelClass="govuk-label--s" hint="From 1 to 60" width="govuk-input--width-3" error={errors.fields.first_update_months} value={draft.first_update_months} onChange={set('first_update_months')} />
        <TextInput id="reminder_days_before" label="Reminder, in days before the deadline" labelClass="govuk-label--s" hint="Partners are reminded this many days before a round's deadline. From 0 to 90." width="govuk-input--width-3" error={errors.fields.reminder_days_before} value={draft.reminder_days_before} onChange={set('reminder_days_before')} />
        <TextInput id="chaser_interval_days" label="Chasers, every so many days after a missed deadline" labelClass="govuk-label--s" hint="From 1 to 90" width="govuk-input--width-3" error={errors.fields.chaser_interval_days} value={draft.chaser_interval_days} onChange={set('chaser_interval_days')} />

        <h2 className="govuk-heading-m">Statutory responses</h2>
        <p className="govuk-body">
          How long each responder has to respond to a review&apos;s report, from the day they receive it. Changing a
          period changes the due day of responses recorded from then on.
        </p>
        {period(
          'executive',
          "Executive's response period",
          'The law in England gives the executive 2 months. From 1 to 366 days, or 1 to 24 months.',
        )}
        {period(
          'partner',
          "Partner's response period",
          'For a responsible partner answering a crime and disorder committee; the law gives 28 days. From 1 to 366 days, or 1 to 24 months.',
        )}

        <GradeScaleFields value={draft.scale} onChange={(scale) => setDraft({ ...draft, scale })} errors={errors.fields} />

        <button type="submit" className="govuk-button" disabled={put.isPending}>
          Save settings
        </button>
      </form>
    </>
  );
}
