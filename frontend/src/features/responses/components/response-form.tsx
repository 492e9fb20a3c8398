import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@/api/problem';
import type { StatutoryResponse } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { PageTitle } from '@/components/ui/page-title';
import { DateInput, EMPTY_DATE, isoDate, Radios, Textarea, TextInput, type DateParts } from '@/components/ui/form';
import { clientErrors } from '@/features/admin/lib/form-errors';
import { ConflictBanner } from '@/features/admin/components/conflict-banner';
import { RecommendationRefText } from '@/features/recommendations/components/recommendation-ref-text';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { responseKeys } from '../api/keys';
import { useReceiveResponse, useUpdateResponse } from '../api/write-response';
import { draftOf, itemIds, locateField, patchBody, withoutRepeats, type ItemDraft, type ResponseDraft } from '../lib/draft';
import { VERDICT_VALUES, VERDICTS } from '../lib/labels';

/**
 * What the form is for: a partner writing and submitting its own response; an officer writing
 * one (the executive's, or one received on paper) and recording it as received; an officer
 * correcting one already received.
 */
export type ResponseFormMode = 'submit' | 'receive' | 'correct';

type Props = {
  response: StatutoryResponse;
  mode: ResponseFormMode;
  /** The council's staff also correct the responder's name, the day the report was received and the due day. */
  staff: boolean;
  onDone: (saved: StatutoryResponse, message: string) => void;
  /** Closes the form (a correction the officer no longer wants to make). */
  onCancel?: () => void;
  /** The page's title, "Error: " before it while the form has errors. */
  title: string;
  /** The page's heading and summary: the error summary goes above them, at the top of the page. */
  intro?: ReactNode;
};

/** Words for screen readers only, after a space that keeps them a separate word in the name. */
function hidden(text: string) {
  return (
    <>
      {' '}
      <span className="govuk-visually-hidden">{text}</span>
    </>
  );
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });

/** The errors without those of these fields (the user has changed them since). */
function without(errors: FormErrors, ids: readonly string[]): FormErrors {
  if (!ids.some((id) => errors.fields[id])) return errors;
  const fields = Object.fromEntries(Object.entries(errors.fields).filter(([id]) => !ids.includes(id)));
  return { fields, summary: errors.summary.filter((e) => !e.field || !ids.includes(e.field)) };
}

/**
 * The responder's form: a summary, and for each recommendation put to it whether it is accepted,
 * partly accepted or not accepted, the reasons where not fully, and the action proposed. Saved
 * with If-Match on the version it started from: a 412 keeps what was typed and says so.
 */
export function ResponseForm({ response, mode, staff, onDone, onCancel, title, intro }: Props) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ResponseDraft>(() => draftOf(response));
  const [base, setBase] = useState(response);
  const [receivedOn, setReceivedOn] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conflict, setConflict] = useState(0);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [busy, setBusy] = useState(false);
  const update = useUpdateResponse(response.id);
  const receive = useReceiveResponse(response.id);
  const locate = (field: string) => locateField(response, field);

  const change = (patch: Partial<ResponseDraft>, ids: readonly string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => without(e, ids));
    setSavedAt(null);
  };
  const changeItem = (index: number, patch: Partial<ItemDraft>, ids: readonly string[]) =>
    change({ items: draft.items.map((item, i) => (i === index ? { ...item, ...patch } : item)) }, ids);

  /** A 412: keep the draft, load the latest version for the next attempt to go over. */
  function onConflict() {
    setErrors(NO_ERRORS);
    setConflict((n) => n + 1);
    void queryClient.invalidateQueries({ queryKey: responseKeys.detail(response.id) });
  }

  function failed(error: unknown) {
    if (error instanceof ApiError && error.status === 412) onConflict();
    else setErrors(withoutRepeats(problemErrors(error, locate)));
  }

  /** Saves the draft; answers the saved response, or null (the errors are shown). */
  async function save(): Promise<StatutoryResponse | null> {
    const { body, errors: found } = patchBody(draft, base, staff);
    if (found.length > 0) {
      setErrors(clientErrors(found));
      return null;
    }
    // After a 412 the user has been told: their next save goes over the latest version.
    const version = conflict > 0 ? response.version : base.version;
    try {
      const saved = await update.mutateAsync({ version, body });
      setBase(saved);
      setConflict(0);
      setErrors(NO_ERRORS);
      return saved;
    } catch (error) {
      failed(error);
      return null;
    }
  }

  async function saveOnly() {
    if (busy) return;
    setBusy(true);
    try {
      const saved = await save();
      if (saved) {
        if (mode === 'correct') onDone(saved, 'The response has been corrected');
        else setSavedAt(new Date());
      }
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (mode === 'correct') {
      await saveOnly();
      return;
    }
    const day = mode === 'receive' ? isoDate(receivedOn) : null;
    if (day === 'invalid') {
      setErrors(clientErrors([{ id: 'received_on-day', text: 'Date received: enter a real date, for example 14 3 2022' }]));
      return;
    }
    setBusy(true);
    try {
      const saved = await save();
      if (!saved) return;
      try {
        const received = await receive.mutateAsync({ version: saved.version, receivedOn: day });
        onDone(
          received,
          mode === 'submit'
            ? 'Your response has been sent to the council'
            : 'The response has been recorded as received',
        );
      } catch (error) {
        failed(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const e = errors.fields;
  const working = busy || update.isPending || receive.isPending;
  const primary = mode === 'submit' ? 'Submit response' : mode === 'receive' ? 'Record as received' : 'Save the correction';
  return (
    <>
      <PageTitle title={title} error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      {intro}
      {conflict > 0 ? (
        <ConflictBanner
          key={conflict}
          what="this response"
          ready={response.version !== base.version}
          onKeepMine={() => void saveOnly()}
          onTakeTheirs={() => {
            setDraft(draftOf(response));
            setBase(response);
            setConflict(0);
            setErrors(NO_ERRORS);
          }}
        />
      ) : null}
      {mode === 'correct' ? <h2 className="govuk-heading-m">Correct the response</h2> : null}
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Write the response">
        <Textarea
          id="summary"
          label="Summary (optional)"
          labelClass="govuk-label--m"
          hint="The response as a whole, for example its covering letter"
          rows={4}
          error={e.summary}
          value={draft.summary}
          onChange={(summary) => change({ summary }, ['summary'])}
        />
        <h2 className="govuk-heading-m">Response to each recommendation</h2>
        {response.items.map((item, i) => {
          const n = i + 1;
          const ids = itemIds(n);
          const value = draft.items[i];
          if (!value) return null;
          return (
            <section className="app-block" key={item.recommendation_id} aria-labelledby={`item-${n}-heading`}>
              <h3 className="govuk-heading-s" id={`item-${n}-heading`}>
                Recommendation {item.recommendation_number}
              </h3>
              <RecommendationRefText recommendation={{ id: item.recommendation_id, text: item.recommendation_text }} />
              <Radios
                id={ids.verdict}
                name={ids.verdict}
                legend={<>Response{hidden(`to recommendation ${item.recommendation_number}`)}</>}
                error={e[ids.verdict]}
                value={value.verdict}
                onChange={(verdict) => changeItem(i, { verdict }, [ids.verdict, ids.reasons])}
                options={VERDICT_VALUES.map((v) => ({
                  value: v,
                  label: VERDICTS[v].label,
                  hint: v === 'accepted' ? undefined : 'Give the reasons',
                }))}
                small
              />
              <Textarea
                id={ids.reasons}
                label={<>Reasons{hidden(`for recommendation ${item.recommendation_number}`)}</>}
                hint="Required when the recommendation is not fully accepted"
                rows={3}
                error={e[ids.reasons]}
                value={value.reasons}
                onChange={(reasons) => changeItem(i, { reasons }, [ids.reasons])}
              />
              <Textarea
                id={ids.proposed_action}
                label={<>Proposed action (optional){hidden(`for recommendation ${item.recommendation_number}`)}</>}
                hint="What the responder will do, and by when"
                rows={3}
                error={e[ids.proposed_action]}
                value={value.proposed_action}
                onChange={(proposed_action) => changeItem(i, { proposed_action }, [ids.proposed_action])}
              />
            </section>
          );
        })}

        {staff ? (
          <>
            <h2 className="govuk-heading-m">Responder and period</h2>
            <TextInput
              id="responder_name"
              label="Responder's name"
              labelClass="govuk-label--s"
              hint="As the papers name the responder, for example Cabinet"
              width="govuk-input--width-20"
              error={e.responder_name}
              value={draft.details.responder_name}
              onChange={(responder_name) => change({ details: { ...draft.details, responder_name } }, ['responder_name'])}
            />
            <DateInput
              id="report_received_on"
              legend="Report received"
              hint="Changing it moves the due day, unless you change that too"
              error={e['report_received_on-day']}
              value={draft.details.report_received_on}
              onChange={(report_received_on) =>
                change({ details: { ...draft.details, report_received_on } }, ['report_received_on-day'])
              }
            />
            <DateInput
              id="due_on"
              legend="Due"
              hint="Another day when the council agreed an extension"
              error={e['due_on-day']}
              value={draft.details.due_on}
              onChange={(due_on) => change({ details: { ...draft.details, due_on } }, ['due_on-day'])}
            />
          </>
        ) : null}

        {mode === 'receive' ? (
          <DateInput
            id="received_on"
            legend="Date received (optional)"
            legendClass="govuk-fieldset__legend--m"
            hint="The day the response arrived. Leave it blank for today."
            error={e['received_on-day']}
            value={receivedOn}
            onChange={(value) => {
              setReceivedOn(value);
              setErrors((x) => without(x, ['received_on-day']));
            }}
          />
        ) : null}
        {mode === 'submit' ? (
          <p className="govuk-body">
            When you submit the response the council receives it today, and you can no longer change it.
          </p>
        ) : null}

        {savedAt ? (
          <p className="govuk-body-s app-save-status" role="status">
            Saved at {TIME.format(savedAt)}.
          </p>
        ) : (
          <p className="govuk-body-s app-save-status" role="status" />
        )}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={working}>
            {primary}
          </button>
          {mode === 'correct' ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel} disabled={working}>
              Cancel
            </button>
          ) : (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void saveOnly()} disabled={working}>
              Save
            </button>
          )}
        </div>
      </form>
    </>
  );
}
