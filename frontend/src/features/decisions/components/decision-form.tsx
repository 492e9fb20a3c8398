import { useState, type FormEvent, type ReactNode } from 'react';
import type { CreateDecision, Decision, Recommendation, ResolutionInput } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { DateInput, dateParts, EMPTY_DATE, isoDate, Radios, Select, Textarea, TextInput, type DateParts } from '@/components/ui/form';
import { NO_ERRORS, type FieldTarget, type FormErrors } from '@/lib/problem-errors';

type PartRow = { key: number; label: string; text: string };
type ResolutionRow = { key: number; number: string; text: string; recommendation_id: string; parts: PartRow[] };

export type DecisionValues = {
  body: string;
  meeting_date: DateParts;
  item_title: string;
  reference: string;
  key_decision: string;
  decision_text: string;
  resolutions: ResolutionRow[];
  reasons: string;
  alternatives: string;
  conflicts: string;
  dispensations: string;
  published_on: DateParts;
  stated_call_in: string;
};

let keys = 0;
const key = () => ++keys;

/**
 * A new decision: one resolution per recommendation still standing, in the report's words. A
 * recommendation made only of its parts (text "") gives a resolution with a blank text and its parts.
 */
export function newDecisionValues(recommendations: readonly Recommendation[], reviewTitle: string): DecisionValues {
  return {
    body: 'Cabinet',
    meeting_date: EMPTY_DATE,
    item_title: reviewTitle,
    reference: '',
    key_decision: 'no',
    decision_text: '',
    resolutions: [...recommendations]
      .filter((r) => r.status !== 'withdrawn')
      .sort((a, b) => a.position - b.position)
      .map((r) => ({
        key: key(),
        number: r.number,
        text: r.text,
        recommendation_id: r.id,
        parts: [...r.parts]
          .filter((p) => !p.withdrawn_reason)
          .sort((a, b) => a.position - b.position)
          .map((p) => ({ key: key(), label: p.label, text: p.text })),
      })),
    reasons: '',
    alternatives: '',
    conflicts: '',
    dispensations: '',
    published_on: EMPTY_DATE,
    stated_call_in: '',
  };
}

export function decisionValues(d: Decision): DecisionValues {
  return {
    body: d.body,
    meeting_date: dateParts(d.meeting_date),
    item_title: d.item_title,
    reference: d.reference ?? '',
    key_decision: d.key_decision ? 'yes' : 'no',
    decision_text: d.decision_text ?? '',
    resolutions: d.resolutions.map((r) => ({
      key: key(),
      number: r.number,
      text: r.text,
      recommendation_id: r.recommendation_id ?? '',
      parts: r.parts.map((p) => ({ key: key(), label: p.label, text: p.text })),
    })),
    reasons: d.reasons ?? '',
    alternatives: d.alternatives ?? '',
    conflicts: d.conflicts ?? '',
    dispensations: d.dispensations ?? '',
    published_on: dateParts(d.published_on),
    stated_call_in: d.call_in.stated_text ?? '',
  };
}

const optional = (s: string) => (s.trim() ? s : null);

/** The request body the values make (dates already checked). */
export function decisionBody(values: DecisionValues, recommendations: readonly Recommendation[]): CreateDecision {
  const resolutions: ResolutionInput[] = values.resolutions.map((r) => {
    const rec = recommendations.find((x) => x.id === r.recommendation_id);
    return {
      number: r.number.trim(),
      text: r.text.trim(),
      recommendation_id: r.recommendation_id || null,
      parts: r.parts.map((p) => ({
        label: p.label.trim(),
        text: p.text.trim(),
        // The recommendation's part of the same letter, when there is one.
        recommendation_part_id:
          rec?.parts.find((rp) => rp.label.toLowerCase() === p.label.trim().toLowerCase())?.id ?? null,
      })),
    };
  });
  const published = isoDate(values.published_on);
  return {
    body: values.body.trim(),
    meeting_date: isoDate(values.meeting_date) as string,
    item_title: values.item_title.trim(),
    reference: optional(values.reference.trim()),
    key_decision: values.key_decision === 'yes',
    decision_text: optional(values.decision_text),
    resolutions,
    reasons: optional(values.reasons),
    alternatives: optional(values.alternatives),
    conflicts: optional(values.conflicts),
    dispensations: optional(values.dispensations),
    published_on: published === 'invalid' ? null : published,
    stated_call_in: values.stated_call_in.trim() ? { text: values.stated_call_in.trim() } : null,
  };
}

const SIMPLE: Record<string, FieldTarget> = {
  body: { id: 'body', label: 'Decided by' },
  meeting_date: { id: 'meeting_date-day', label: 'Date of decision' },
  item_title: { id: 'item_title', label: 'Item title' },
  reference: { id: 'reference', label: 'Reference' },
  key_decision: { id: 'key_decision', label: 'Key decision' },
  decision_text: { id: 'decision_text', label: 'Decision' },
  reasons: { id: 'reasons', label: 'Reasons for the decision' },
  alternatives: { id: 'alternatives', label: 'Alternative options considered and rejected' },
  conflicts: { id: 'conflicts', label: 'Conflicts of interest' },
  dispensations: { id: 'dispensations', label: 'Dispensations' },
  published_on: { id: 'published_on-day', label: 'Date published' },
  stated_call_in: { id: 'stated_call_in', label: 'Call-in deadline as the record states it' },
  'stated_call_in.text': { id: 'stated_call_in', label: 'Call-in deadline as the record states it' },
  'stated_call_in.deadline': { id: 'stated_call_in', label: 'Call-in deadline as the record states it' },
  resolutions: { id: 'add-resolution', label: 'Resolutions' },
};

/** Where a field the API names is on the form: `resolutions[1].parts[0].label` too. */
export function locateDecisionField(field: string): FieldTarget | undefined {
  const part = /^resolutions\[(\d+)\]\.parts\[(\d+)\]\.(label|text|recommendation_part_id)$/.exec(field);
  if (part) {
    const i = Number(part[1]) + 1;
    const j = Number(part[2]) + 1;
    const which = part[3] === 'text' ? 'text' : 'label';
    return { id: `resolution-${i}-part-${j}-${which}`, label: `Resolution ${i}, part ${j}, ${which}` };
  }
  const res = /^resolutions\[(\d+)\](?:\.(number|text|recommendation_id))?$/.exec(field);
  if (res) {
    const i = Number(res[1]) + 1;
    const which = res[2] ?? 'number';
    const name = which === 'recommendation_id' ? 'recommendation' : which;
    return { id: `resolution-${i}-${which === 'recommendation_id' ? 'recommendation' : which}`, label: `Resolution ${i}, ${name}` };
  }
  return SIMPLE[field];
}

function check(values: DecisionValues): FormErrors {
  const found: FormErrors = { fields: {}, summary: [] };
  const add = (id: string, text: string) => {
    found.fields[id] ??= text;
    found.summary.push({ field: id, text });
  };
  if (!values.body.trim()) add('body', 'Decided by: enter who made the decision, for example Cabinet');
  const meeting = isoDate(values.meeting_date);
  if (meeting === null) add('meeting_date-day', 'Date of decision: enter the date of the meeting');
  else if (meeting === 'invalid') add('meeting_date-day', 'Date of decision: must be a real date, for example 20 1 2022');
  if (!values.item_title.trim()) add('item_title', 'Item title: enter the title of the item');
  if (isoDate(values.published_on) === 'invalid')
    add('published_on-day', 'Date published: must be a real date, for example 24 1 2022');
  values.resolutions.forEach((r, i) => {
    const n = i + 1;
    if (!r.number.trim()) add(`resolution-${n}-number`, `Resolution ${n}, number: enter its number`);
    // A resolution made only of its lettered parts (as on a recommendation made only of parts) has no text of its own.
    if (!r.text.trim() && r.parts.length === 0) add(`resolution-${n}-text`, `Resolution ${n}, text: enter what was resolved`);
    r.parts.forEach((p, j) => {
      if (!p.label.trim()) add(`resolution-${n}-part-${j + 1}-label`, `Resolution ${n}, part ${j + 1}, label: enter a letter`);
      if (!p.text.trim()) add(`resolution-${n}-part-${j + 1}-text`, `Resolution ${n}, part ${j + 1}, text: enter the text`);
    });
  });
  return found;
}

/** Words for screen readers only, after a space that keeps them a separate word in the name. */
function hidden(text: string) {
  return (
    <>
      {' '}
      <span className="govuk-visually-hidden">{text.trim()}</span>
    </>
  );
}

type Props = {
  initial: DecisionValues;
  recommendations: readonly Recommendation[];
  errors: FormErrors;
  pending: boolean;
  submitLabel: string;
  notice?: ReactNode;
  onErrors: (errors: FormErrors) => void;
  onSubmit: (values: DecisionValues) => void;
};

/** A Cabinet decision record: the meeting, the resolutions on each recommendation, the declarations and publication. */
export function DecisionForm({ initial, recommendations, errors, pending, submitLabel, notice, onErrors, onSubmit }: Props) {
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof DecisionValues>(k: K) =>
    (value: DecisionValues[K]) =>
      setValues((v) => ({ ...v, [k]: value }));
  const setResolution = (rowKey: number, change: (r: ResolutionRow) => ResolutionRow) =>
    setValues((v) => ({ ...v, resolutions: v.resolutions.map((r) => (r.key === rowKey ? change(r) : r)) }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const found = check(values);
    onErrors(found.summary.length > 0 ? found : NO_ERRORS);
    if (found.summary.length === 0) onSubmit(values);
  }

  const recOptions = [...recommendations]
    .sort((a, b) => a.position - b.position)
    .map((r) => ({ value: r.id, label: `Recommendation ${r.number}` }));
  const e = errors.fields;
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {notice}
      <form onSubmit={submit} noValidate>
        <h2 className="govuk-heading-m">The meeting</h2>
        <TextInput id="body" label="Decided by" labelClass="govuk-label--s" hint="The decision-making body, for example Cabinet" width="govuk-input--width-20" error={e.body} value={values.body} onChange={set('body')} />
        <DateInput id="meeting_date" legend="Date of decision" hint="The date of the meeting. For example, 20 1 2022" error={e['meeting_date-day']} value={values.meeting_date} onChange={set('meeting_date')} />
        <TextInput id="item_title" label="Item title" labelClass="govuk-label--s" error={e.item_title} value={values.item_title} onChange={set('item_title')} />
        <TextInput id="reference" label="Reference (optional)" labelClass="govuk-label--s" width="govuk-input--width-20" error={e.reference} value={values.reference} onChange={set('reference')} />
        <Radios id="key_decision" name="key_decision" legend="Key decision" inline small error={e.key_decision} value={values.key_decision} onChange={set('key_decision')} options={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} />
        <Textarea id="decision_text" label="Decision (optional)" labelClass="govuk-label--s" hint="The record of the decision before the resolutions" error={e.decision_text} value={values.decision_text} onChange={set('decision_text')} />

        <h2 className="govuk-heading-m">Resolutions</h2>
        <p className="govuk-body">
          What Cabinet resolved on each recommendation, as the decision record words it. Each starts as the
          recommendation&apos;s text and parts (with a blank text for a recommendation made only of its parts):
          change it where Cabinet accepted a recommendation in part, amended it or rejected it.
        </p>
        {values.resolutions.map((r, i) => {
          const n = i + 1;
          return (
            <fieldset className="govuk-fieldset app-block" key={r.key}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Resolution {n}</legend>
              <TextInput id={`resolution-${n}-number`} label={<>Number{hidden(` of resolution ${n}`)}</>} width="govuk-input--width-4" error={e[`resolution-${n}-number`]} value={r.number} onChange={(v) => setResolution(r.key, (x) => ({ ...x, number: v }))} />
              <Select id={`resolution-${n}-recommendation`} label={<>Recommendation{hidden(` decided in resolution ${n}`)}</>} placeholder="None" options={recOptions} error={e[`resolution-${n}-recommendation`]} value={r.recommendation_id} onChange={(v) => setResolution(r.key, (x) => ({ ...x, recommendation_id: v }))} />
              <Textarea id={`resolution-${n}-text`} label={<>Text{hidden(` of resolution ${n}`)}</>} hint={r.parts.length > 0 ? 'Leave blank when the resolution is made only of its parts' : undefined} rows={4} error={e[`resolution-${n}-text`]} value={r.text} onChange={(v) => setResolution(r.key, (x) => ({ ...x, text: v }))} />
              {r.parts.map((p, j) => {
                const m = j + 1;
                const setPart = (change: Partial<PartRow>) =>
                  setResolution(r.key, (x) => ({ ...x, parts: x.parts.map((q) => (q.key === p.key ? { ...q, ...change } : q)) }));
                return (
                  <div className="app-figure-row" key={p.key}>
                    <TextInput id={`resolution-${n}-part-${m}-label`} label={<>Part{hidden(` ${m} of resolution ${n}, label`)}</>} width="govuk-input--width-3" error={e[`resolution-${n}-part-${m}-label`]} value={p.label} onChange={(v) => setPart({ label: v })} />
                    <Textarea id={`resolution-${n}-part-${m}-text`} label={<>Text{hidden(` of part ${m} of resolution ${n}`)}</>} rows={2} error={e[`resolution-${n}-part-${m}-text`]} value={p.text} onChange={(v) => setPart({ text: v })} />
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-4" onClick={() => setResolution(r.key, (x) => ({ ...x, parts: x.parts.filter((q) => q.key !== p.key) }))}>
                      Remove part{hidden(` ${m} of resolution ${n}`)}
                    </button>
                  </div>
                );
              })}
              <div className="govuk-button-group">
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() =>
                    setResolution(r.key, (x) => ({
                      ...x,
                      parts: [...x.parts, { key: key(), label: String.fromCharCode(97 + Math.min(x.parts.length, 25)), text: '' }],
                    }))
                  }
                >
                  Add a part{hidden(` to resolution ${n}`)}
                </button>
                <button type="button" className="govuk-button govuk-button--warning" onClick={() => setValues((v) => ({ ...v, resolutions: v.resolutions.filter((x) => x.key !== r.key) }))}>
                  Remove resolution{hidden(` ${n}`)}
                </button>
              </div>
            </fieldset>
          );
        })}
        <p className="govuk-body">
          <button
            type="button"
            id="add-resolution"
            className="govuk-button govuk-button--secondary"
            onClick={() =>
              setValues((v) => ({
                ...v,
                resolutions: [...v.resolutions, { key: key(), number: String(v.resolutions.length + 1), text: '', recommendation_id: '', parts: [] }],
              }))
            }
          >
            Add a resolution
          </button>
        </p>

        <h2 className="govuk-heading-m">Reasons and declarations</h2>
        <Textarea id="reasons" label="Reasons for the decision (optional)" labelClass="govuk-label--s" error={e.reasons} value={values.reasons} onChange={set('reasons')} />
        <Textarea id="alternatives" label="Alternative options considered and rejected (optional)" labelClass="govuk-label--s" hint="As the record gives them, for example None" rows={3} error={e.alternatives} value={values.alternatives} onChange={set('alternatives')} />
        <Textarea id="conflicts" label="Conflicts of interest (optional)" labelClass="govuk-label--s" rows={3} error={e.conflicts} value={values.conflicts} onChange={set('conflicts')} />
        <Textarea id="dispensations" label="Dispensations (optional)" labelClass="govuk-label--s" rows={3} error={e.dispensations} value={values.dispensations} onChange={set('dispensations')} />

        <h2 className="govuk-heading-m">Publication and call-in</h2>
        <DateInput id="published_on" legend="Date published (optional)" hint="The Proper Officer's publication date: the call-in period starts on it. For example, 24 1 2022" error={e['published_on-day']} value={values.published_on} onChange={set('published_on')} />
        <TextInput id="stated_call_in" label="Call-in deadline as the record states it (optional)" labelClass="govuk-label--s" hint="For example, Midnight - Friday 28th January 2022. The service computes the deadline too, and flags any difference." error={e.stated_call_in} value={values.stated_call_in} onChange={set('stated_call_in')} />
        <button type="submit" className="govuk-button" disabled={pending}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
