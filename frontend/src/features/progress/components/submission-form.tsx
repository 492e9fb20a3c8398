import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { ProgressEntry } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Radios, Textarea } from '@/components/ui/form';
import { PageTitle } from '@/components/ui/page-title';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useSubmitEntry } from '../api/entry-steps';
import { progressKeys } from '../api/keys';
import { draftOf, type Draft } from '../lib/draft';
import { useGradeScale } from '../api/get-grade-scale';
import { explanationLevels } from '../lib/grade-scale';
import { useAutosave, type SaveState } from '../lib/use-autosave';
import { ConflictNotice } from './conflict-notice';
import { KeyFiguresFields, FIGURE_COLUMNS } from './key-figures-fields';

const FIELDS: Record<string, FieldTarget> = {
  progress: { id: 'progress', label: 'Evidence of progress' },
  proposed_grade: { id: 'proposed_grade', label: 'Proposed grade' },
  proposed_explanation: { id: 'proposed_explanation', label: 'Explanation of the grade' },
  impact: { id: 'impact', label: 'Evidence of impact' },
  'impact.kind': { id: 'impact', label: 'Evidence of impact' },
  'impact.text': { id: 'impact_text', label: 'Evidence of impact' },
  key_figures: { id: 'key-figures-add', label: 'Key figures' },
};

/** Where an API field is in this form; `rows` are the figure rows in the order they were sent. */
export function locateField(draft: Draft, field: string, rows: readonly string[]): FieldTarget | undefined {
  const known = FIELDS[field];
  if (known) return known;
  const m = /^key_figures\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (!m) return undefined;
  const key = rows[Number(m[1])];
  const position = draft.figures.findIndex((r) => r.key === key);
  if (!key || position < 0) return FIELDS.key_figures;
  const column = FIGURE_COLUMNS.find((c) => c.api === m[2]) ?? FIGURE_COLUMNS[0]!;
  return { id: `figure-${key}-${column.name}`, label: `Key figure ${position + 1}, ${column.label.toLowerCase()}` };
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });

function SaveStatus({ state }: { state: SaveState }) {
  let text = '';
  switch (state.kind) {
    case 'pending':
      text = 'Changes not saved yet…';
      break;
    case 'saving':
      text = 'Saving your draft…';
      break;
    case 'saved':
      text = `Draft saved at ${TIME.format(state.at)}.`;
      break;
    case 'invalid':
      text = 'Your draft was not saved: there is a problem with what you entered.';
      break;
    case 'failed':
      text = `Your draft was not saved. ${state.message} What you typed is still here.`;
      break;
    case 'conflict':
      text = 'Your draft was not saved: someone else changed this update.';
      break;
    default:
      text = 'Your draft is saved as you type.';
  }
  return (
    <p className="govuk-body-s app-save-status" role="status" aria-live="polite" data-state={state.kind}>
      {text}
    </p>
  );
}

type Props = {
  entry: ProgressEntry;
  onSubmitted: (entry: ProgressEntry) => void;
  /** The page's heading and summary: the error summary goes above them, at the top of the page. */
  intro?: ReactNode;
};

/** The errors without those of these fields (the user has changed them since). */
function without(errors: FormErrors, ids: readonly string[]): FormErrors {
  if (!ids.some((id) => errors.fields[id])) return errors;
  const fields = Object.fromEntries(Object.entries(errors.fields).filter(([id]) => !ids.includes(id)));
  return { fields, summary: errors.summary.filter((e) => !e.field || !ids.includes(e.field)) };
}

/**
 * The partner's progress report on one recommendation: evidence of progress, a proposed grade
 * (with its explanation where the grade needs one), evidence of impact or the statement that no
 * assessment was undertaken, and key figures. Saved as the user types; submitted for the council
 * to assess.
 */
export function SubmissionForm({ entry, onSubmitted, intro }: Props) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(entry));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const submit = useSubmitEntry(entry.id);
  const [busy, setBusy] = useState(false);
  const scale = useGradeScale(entry.council_id);

  const onSaved = useCallback(
    (saved: ProgressEntry) => queryClient.setQueryData(progressKeys.entry(saved.id), saved),
    [queryClient],
  );
  const locate = useCallback((field: string, rows: readonly string[]) => locateField(draft, field, rows), [draft]);
  const autosave = useAutosave({ entry, draft, locate, onSaved });

  /** A change to some fields: the errors shown by them go, as they no longer describe them. */
  const change = (patch: Partial<Draft>, ids: readonly string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => without(e, ids));
  };

  // What the form shows: the last explicit attempt's errors, else those of the last autosave.
  const shown: FormErrors = errors.summary.length > 0 ? errors : autosave.state.kind === 'invalid' ? autosave.state.errors : NO_ERRORS;
  const fieldError = (id: string) => shown.fields[id];

  async function save() {
    setBusy(true);
    try {
      const result = await autosave.flush();
      setErrors(result.ok ? NO_ERRORS : result.state.kind === 'invalid' ? result.state.errors : { fields: {}, summary: [] });
    } finally {
      setBusy(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const saved = await autosave.flush();
      if (!saved.ok) {
        if (saved.state.kind === 'invalid') setErrors(saved.state.errors);
        else if (saved.state.kind === 'failed') setErrors({ fields: {}, summary: [{ text: saved.state.message }] });
        return;
      }
      submit.mutate(undefined, {
        onSuccess: (submitted) => {
          setErrors(NO_ERRORS);
          onSubmitted(submitted);
        },
        onError: (error) => setErrors(problemErrors(error, (field) => locateField(draft, field, []))),
      });
    } finally {
      setBusy(false);
    }
  }

  const conflict = autosave.state.kind === 'conflict' ? autosave.state.theirs : null;
  const working = busy || submit.isPending;
  const resubmission = entry.state === 'returned';
  return (
    <>
      <PageTitle title={`Report progress on recommendation ${entry.recommendation.number}`} error={shown.summary.length > 0} />
      <ErrorSummary errors={shown.summary} focus={errors.summary.length > 0} />
      {intro}
      {conflict ? (
        <ConflictNotice
          mine={draft}
          theirs={conflict}
          onKeepMine={() => {
            setErrors(NO_ERRORS);
            void autosave.resolve('mine');
          }}
          onTakeTheirs={() => {
            const theirs = draftOf(conflict);
            setDraft(theirs);
            setErrors(NO_ERRORS);
            void autosave.resolve('theirs', theirs);
          }}
        />
      ) : null}
      <form onSubmit={onSubmit} noValidate className="app-submission-form">
        <Textarea
          id="progress"
          label={`Evidence of progress (${entry.round.label})`}
          labelClass="govuk-label--m"
          hint="Say what has been done against the agreed action and success measure. Start a line with - for a bullet point."
          error={fieldError('progress')}
          value={draft.progress}
          onChange={(progress) => change({ progress }, ['progress'])}
          rows={12}
        />
        <Radios
          id="proposed_grade"
          name="proposed_grade"
          legend={`Assessment of progress (${entry.round.label})`}
          legendClass="govuk-fieldset__legend--m"
          hint={`The grade you propose. The council's officer checks it and the committee accepts the final grade. ${explanationLevels(scale)} need an explanation.`}
          error={fieldError('proposed_grade')}
          value={draft.grade}
          onChange={(grade) => change({ grade }, ['proposed_grade'])}
          options={scale.map((level) => ({
            value: level.code,
            label: `${level.code} (${level.label})`,
            hint: level.closes
              ? 'Closes the recommendation once the committee accepts it'
              : level.needsExplanation
                ? 'Needs an explanation'
                : undefined,
          }))}
        />
        <Textarea
          id="proposed_explanation"
          label="Explanation of the grade"
          labelClass="govuk-label--s"
          hint={`Required for ${explanationLevels(scale)}; optional otherwise.`}
          error={fieldError('proposed_explanation')}
          value={draft.explanation}
          onChange={(explanation) => change({ explanation }, ['proposed_explanation'])}
          rows={4}
        />
        <Radios
          id="impact"
          name="impact"
          legend={`Evidence of impact (${entry.round.label})`}
          legendClass="govuk-fieldset__legend--m"
          hint="What difference the actions have made, or say that no assessment of impact was undertaken."
          error={fieldError('impact')}
          value={draft.impact}
          onChange={(impact) => change({ impact: impact as Draft['impact'] }, ['impact', 'impact_text'])}
          options={[
            {
              value: 'evidence',
              label: 'Give evidence of impact',
              conditional: (
                <Textarea
                  id="impact_text"
                  label="Evidence of impact"
                  error={fieldError('impact_text')}
                  value={draft.impactText}
                  onChange={(impactText) => change({ impactText }, ['impact', 'impact_text'])}
                  rows={5}
                />
              ),
            },
            { value: 'none_undertaken', label: 'No assessment of impact undertaken' },
          ]}
        />
        <KeyFiguresFields
          rows={draft.figures}
          onChange={(figures, touched) => change({ figures }, touched)}
          errorFor={fieldError}
          addError={fieldError('key-figures-add')}
        />
        <SaveStatus state={autosave.state} />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={working || conflict !== null}>
            {resubmission ? 'Resubmit to the council' : 'Submit to the council'}
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={working || conflict !== null}
            onClick={() => void save()}
          >
            Save draft
          </button>
        </div>
      </form>
    </>
  );
}
