import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { ActionPlan, UpdateActionPlan } from '@/api/types';
import { ConflictBanner } from '@/components/ui/conflict-banner';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Textarea, TextInput } from '@/components/ui/form';
import { formatInstant } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { fetchPlan } from '../api/get-plan';
import { useUpdatePlan } from '../api/write-plan';
import { isoOf, partialDateOf, type PartialDateValue } from '../lib/partial-date';
import { PartialDateField } from './partial-date-field';

const TITLE_ID = 'plan-title';
const AGREED_ID = 'plan-agreed-on';
const REASON_ID = 'plan-amendment-reason';
const OVERRIDE_ID = 'plan-call-in-override';

/** Whether the API refused to agree the plan because Cabinet's decision cannot be implemented yet. */
function waitsForDecision(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && /call_in_override_reason/.test(error.problem?.detail ?? '');
}

type Fields = { title: string; agreedOn: PartialDateValue };

function fieldsOf(plan: ActionPlan): Fields {
  const agreedOn = partialDateOf(plan.agreed_on, plan.agreed_on_precision);
  return {
    title: plan.title ?? '',
    // A plan not yet agreed is most often agreed "March 2022": start with the month.
    agreedOn: agreedOn.precision === 'none' && plan.status === 'draft' ? { ...agreedOn, precision: 'month' } : agreedOn,
  };
}

function agreedTarget(value: PartialDateValue): string {
  if (value.precision === 'month') return `${AGREED_ID}-mm`;
  if (value.precision === 'day') return `${AGREED_ID}-d`;
  return AGREED_ID;
}

type Props = { reviewId: string; plan: ActionPlan; onDone: (message: string) => void };

/**
 * The plan's title and the date the committee agreed it. A draft plan is agreed here; once agreed,
 * every change is an amendment with a reason. Sent with If-Match; a 412 keeps what was typed.
 */
export function PlanDetailsForm({ reviewId, plan, onDone }: Props) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(plan));
  const [base, setBase] = useState(plan.version);
  const [dirty, setDirty] = useState(false);
  const [reason, setReason] = useState('');
  // Asked for once the API says the decision cannot be implemented yet.
  const [override, setOverride] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conflict, setConflict] = useState<ActionPlan | null>(null);
  const update = useUpdatePlan(reviewId);
  const draft = plan.status === 'draft';

  // The plan changed (an action added, or this form saved): start again from it unless typing.
  useEffect(() => {
    if (!dirty) {
      setFields(fieldsOf(plan));
      setBase(plan.version);
    }
  }, [plan, dirty]);

  const set = (patch: Partial<Fields>) => {
    setFields((f) => ({ ...f, ...patch }));
    setDirty(true);
  };

  const locate = (field: string): FieldTarget | undefined => {
    if (field === 'title') return { id: TITLE_ID, label: 'Title' };
    if (field === 'agreed_on') return { id: agreedTarget(fields.agreedOn), label: 'Date agreed' };
    if (field === 'amendment_reason') return { id: REASON_ID, label: 'Reason for the amendment' };
    if (field === 'status') return { id: AGREED_ID, label: 'Status' };
    if (field === 'call_in_override_reason') return { id: OVERRIDE_ID, label: 'Reason to agree it now' };
    return undefined;
  };

  function save(agree: boolean, version: number) {
    if (update.isPending) return;
    const found: FormErrors = { fields: {}, summary: [] };
    const add = (id: string, text: string) => {
      found.fields[id] ??= text;
      found.summary.push({ field: id, text });
    };
    const a = fields.agreedOn;
    const blank = !a.day.trim() && !a.month.trim() && !a.year.trim();
    const date = blank ? ({ ok: true, iso: null } as const) : isoOf(a);
    if (!date.ok) add(agreedTarget(a), `Date agreed: ${date.problem}`);
    else if (agree && date.iso === null) add(agreedTarget(a), 'Date agreed: enter when the committee agreed the plan');
    if (!draft && !reason.trim()) {
      add(REASON_ID, 'Reason for the amendment: the plan is agreed, so say why this change is made');
    }
    if (agree && override !== null && !override.trim()) {
      add(OVERRIDE_ID, "Reason to agree it now: say why the plan is agreed before Cabinet's decision can be implemented");
    }
    setErrors(found);
    setConflict(null);
    if (found.summary.length > 0 || !date.ok) return;
    const body: UpdateActionPlan = {
      title: fields.title.trim() || null,
      agreed_on: date.iso,
      ...(agree ? { status: 'agreed' } : {}),
      ...(draft ? {} : { amendment_reason: reason.trim() }),
      ...(agree && override?.trim() ? { call_in_override_reason: override.trim() } : {}),
    };
    update.mutate(
      { id: plan.id, version, body },
      {
        onSuccess: () => {
          setDirty(false);
          setReason('');
          setOverride(null);
          onDone(agree ? 'The plan was agreed' : 'The plan details were saved');
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors(NO_ERRORS);
            fetchPlan(plan.id).then(setConflict, (e: unknown) => setErrors(problemErrors(e, locate)));
            return;
          }
          if (agree && waitsForDecision(error) && override === null) setOverride('');
          setErrors(problemErrors(error, locate));
        },
      },
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save(draft, base);
  }

  if (plan.status === 'signed_off') {
    return <p className="govuk-body">The plan is signed off; it can no longer be changed.</p>;
  }

  const theirs = conflict ? fieldsOf(conflict) : null;
  const theirDate = conflict?.agreed_on_display ?? '(none)';
  const changed = theirs
    ? [
        ...(theirs.title !== fields.title ? [{ key: 'Title', value: theirs.title || '(blank)' }] : []),
        ...(conflict!.status !== plan.status ? [{ key: 'Status', value: conflict!.status }] : []),
        ...(JSON.stringify(isoOf(theirs.agreedOn)) !== JSON.stringify(isoOf(fields.agreedOn))
          ? [{ key: 'Date agreed', value: theirDate }]
          : []),
      ]
    : [];

  return (
    <>
      {conflict ? (
        <ConflictBanner
          titleId="plan-conflict-title"
          focusKey={conflict}
          changed={`the plan at ${formatInstant(conflict.updated_at)}, after you opened it`}
        >
          {changed.length > 0 ? (
            <dl className="govuk-summary-list govuk-summary-list--no-border">
              {changed.map((row) => (
                <div className="govuk-summary-list__row" key={row.key}>
                  <dt className="govuk-summary-list__key">{row.key}</dt>
                  <dd className="govuk-summary-list__value">{row.value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="govuk-body">Their title and date agreed are the same as yours.</p>
          )}
          <div className="govuk-button-group">
            {conflict.status === plan.status ? (
              <button
                type="button"
                className="govuk-button"
                onClick={() => {
                  setBase(conflict.version);
                  save(draft, conflict.version);
                }}
              >
                Save my version over theirs
              </button>
            ) : null}
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => {
                setFields(fieldsOf(conflict));
                setBase(conflict.version);
                setDirty(false);
                setConflict(null);
              }}
            >
              Discard my changes and use theirs
            </button>
          </div>
        </ConflictBanner>
      ) : null}
      <ErrorSummary errors={errors.summary} />
      <form noValidate onSubmit={submit} aria-label={draft ? 'Agree the plan' : 'Plan details'}>
        {draft ? (
          <p className="govuk-body">
            When the committee has agreed the plan, give the date it did so and agree the plan. Changes after that are
            kept as amendments.
          </p>
        ) : null}
        <TextInput
          id={TITLE_ID}
          label="Title"
          labelClass="govuk-label--s"
          error={errors.fields[TITLE_ID]}
          value={fields.title}
          onChange={(title) => set({ title })}
        />
        <PartialDateField
          id={AGREED_ID}
          legend="Date agreed"
          hint="When the committee agreed the plan: a month, such as March 2022, or a day"
          error={
            errors.fields[AGREED_ID] ?? errors.fields[`${AGREED_ID}-mm`] ?? errors.fields[`${AGREED_ID}-d`]
          }
          value={fields.agreedOn}
          onChange={(agreedOn) => set({ agreedOn })}
        />
        {draft ? null : (
          <Textarea
            id={REASON_ID}
            label="Reason for the amendment"
            labelClass="govuk-label--s"
            hint="The plan has been agreed, so this change is kept as an amendment"
            error={errors.fields[REASON_ID]}
            value={reason}
            rows={2}
            onChange={(v) => {
              setReason(v);
              setDirty(true);
            }}
          />
        )}
        {draft && override !== null ? (
          <Textarea
            id={OVERRIDE_ID}
            label="Reason to agree it now"
            labelClass="govuk-label--s"
            hint="Cabinet's decision cannot be implemented yet (see above). To agree the plan anyway, say why; the reason is kept in the plan's history."
            error={errors.fields[OVERRIDE_ID]}
            value={override}
            rows={2}
            onChange={(v) => {
              setOverride(v);
              setDirty(true);
            }}
          />
        ) : null}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={update.isPending}>
            {draft ? 'Agree the plan' : 'Save plan details'}
          </button>
          {draft ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              disabled={update.isPending}
              onClick={() => save(false, base)}
            >
              Save as draft
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
