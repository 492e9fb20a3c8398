import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { CreateRecommendation, Recommendation, UpdateRecommendation } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Checkboxes, Textarea, TextInput } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { ConflictBanner } from '@/features/reviews/components/conflict-banner';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { recommendationKeys } from '../api/keys';
import { useCreateRecommendation, useUpdateRecommendation } from '../api/write-recommendation';

type PartRow = { key: number; label: string; text: string };

/** The next part label after these: a, b, c… */
export function nextLabel(labels: readonly string[]): string {
  const last = labels.at(-1)?.trim().toLowerCase();
  if (!last || !/^[a-y]$/.test(last)) return String.fromCharCode(97 + Math.min(labels.length, 25));
  return String.fromCharCode(last.charCodeAt(0) + 1);
}

// The text is the recommendation, or the lead-in to its parts: with parts, it may be left blank
// (a recommendation made only of its parts). Without them the API answers 422 on `text`.
const TEXT_HINT = 'The recommendation, or the lead-in to its parts';
const PARTS_ONLY_HINT = 'Leave blank when the recommendation is made only of its parts';
const TEXT_REQUIRED = 'Recommendation: enter the text of the recommendation';

function blank(): FormErrors {
  return { fields: {}, summary: [] };
}

function add(found: FormErrors, id: string, text: string) {
  found.fields[id] = text;
  found.summary.push({ field: id, text });
}

function createTargets(field: string): FieldTarget | undefined {
  if (field === 'number') return { id: 'number', label: 'Recommendation number' };
  if (field === 'text') return { id: 'text', label: 'Recommendation' };
  const m = /^parts\[(\d+)\]\.(label|text)$/.exec(field);
  if (m) {
    const n = Number(m[1]) + 1;
    return m[2] === 'label'
      ? { id: `part-${n}-label`, label: `Part ${n}, label` }
      : { id: `part-${n}-text`, label: `Part ${n}, text` };
  }
  if (field === 'parts') return { id: 'add-part', label: 'Parts' };
  return undefined;
}

type CreateProps = {
  reviewId: string;
  /** The number the next recommendation probably has. */
  suggestedNumber: string;
  onCreated: (recommendation: Recommendation) => void;
};

/** A new recommendation of a review: its number, its text and its parts a), b)… */
export function NewRecommendationForm({ reviewId, suggestedNumber, onCreated }: CreateProps) {
  const [number, setNumber] = useState(suggestedNumber);
  const [text, setText] = useState('');
  const [parts, setParts] = useState<PartRow[]>([]);
  const [split, setSplit] = useState(false);
  const [nextKey, setNextKey] = useState(1);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateRecommendation(reviewId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const found = blank();
    if (!number.trim()) add(found, 'number', 'Recommendation number: enter its number, for example 2');
    // Without parts the text is the recommendation; with them it is the lead-in, which may be absent.
    if (!text.trim() && parts.length === 0) add(found, 'text', TEXT_REQUIRED);
    parts.forEach((p, i) => {
      if (!p.label.trim()) add(found, `part-${i + 1}-label`, `Part ${i + 1}, label: enter a letter, for example a`);
      if (!p.text.trim()) add(found, `part-${i + 1}-text`, `Part ${i + 1}, text: enter the text of the part`);
    });
    setErrors(found);
    if (found.summary.length > 0) return;
    const body: CreateRecommendation = {
      number: number.trim(),
      text: text.trim(),
      parts: parts.map((p) => ({ label: p.label.trim(), text: p.text.trim() })),
    };
    if (parts.length === 0 && split) body.split_parts = true;
    create.mutate(body, {
      onSuccess: onCreated,
      onError: (error) => setErrors(problemErrors(error, createTargets)),
    });
  }

  function addPart() {
    setParts((rows) => [...rows, { key: nextKey, label: nextLabel(rows.map((r) => r.label)), text: '' }]);
    setNextKey((k) => k + 1);
  }

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate>
        <TextInput
          id="number"
          label="Recommendation number"
          labelClass="govuk-label--s"
          hint="As the review's report numbers it, for example 2"
          width="govuk-input--width-4"
          error={errors.fields.number}
          value={number}
          onChange={setNumber}
        />
        <Textarea
          id="text"
          label="Recommendation"
          labelClass="govuk-label--s"
          hint={`${TEXT_HINT}. ${PARTS_ONLY_HINT}.`}
          error={errors.fields.text}
          value={text}
          onChange={setText}
        />
        {parts.map((part, i) => (
          <fieldset className="govuk-fieldset app-block" key={part.key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Part {i + 1}</legend>
            <TextInput
              id={`part-${i + 1}-label`}
              label={
                <>
                  Label{' '}<span className="govuk-visually-hidden">of part {i + 1}</span>
                </>
              }
              hint={i === 0 ? 'A letter, for example a' : undefined}
              width="govuk-input--width-3"
              error={errors.fields[`part-${i + 1}-label`]}
              value={part.label}
              onChange={(v) => setParts((rows) => rows.map((r) => (r.key === part.key ? { ...r, label: v } : r)))}
            />
            <Textarea
              id={`part-${i + 1}-text`}
              label={
                <>
                  Text{' '}<span className="govuk-visually-hidden">of part {i + 1}</span>
                </>
              }
              rows={3}
              error={errors.fields[`part-${i + 1}-text`]}
              value={part.text}
              onChange={(v) => setParts((rows) => rows.map((r) => (r.key === part.key ? { ...r, text: v } : r)))}
            />
            <button
              type="button"
              className="govuk-button govuk-button--warning govuk-!-margin-bottom-2"
              onClick={() => setParts((rows) => rows.filter((r) => r.key !== part.key))}
            >
              Remove{' '}<span className="govuk-visually-hidden">part {i + 1}</span>
            </button>
          </fieldset>
        ))}
        <div className="govuk-button-group">
          <button type="button" id="add-part" className="govuk-button govuk-button--secondary" onClick={addPart}>
            {parts.length === 0 ? 'Add a part' : 'Add another part'}
          </button>
        </div>
        {parts.length === 0 ? (
          <Checkboxes
            id="split_parts"
            name="split_parts"
            legend="Parts written in the text"
            values={split ? ['yes'] : []}
            onChange={(v) => setSplit(v.includes('yes'))}
            options={[
              {
                value: 'yes',
                label: 'Split the parts a), b)… out of the text',
                hint: 'The text before a), if any, is kept as the lead-in; each part is recorded on its own.',
              },
            ]}
            small
          />
        ) : null}
        <button type="submit" className="govuk-button" disabled={create.isPending}>
          Save recommendation
        </button>
      </form>
    </>
  );
}

function editTargets(field: string): FieldTarget | undefined {
  if (field === 'number') return { id: 'number', label: 'Recommendation number' };
  if (field === 'text') return { id: 'text', label: 'Recommendation' };
  if (field === 'position') return { id: 'position', label: 'Position in the review' };
  return undefined;
}

type EditProps = {
  recommendation: Recommendation;
  onSaved: (recommendation: Recommendation) => void;
};

/** Changing a recommendation's number, text or place, on the version loaded. */
export function EditRecommendationForm({ recommendation, onSaved }: EditProps) {
  const queryClient = useQueryClient();
  const [loaded] = useState(recommendation);
  const [number, setNumber] = useState(recommendation.number);
  const [text, setText] = useState(recommendation.text);
  const [position, setPosition] = useState(String(recommendation.position));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conflict, setConflict] = useState(false);
  const update = useUpdateRecommendation(recommendation.id);
  const partsOnlyAllowed = recommendation.parts.length > 0;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const found = blank();
    if (!number.trim()) add(found, 'number', 'Recommendation number: enter its number, for example 2');
    // A recommendation with parts may have no lead-in; the API refuses a blank text without them.
    if (!text.trim() && !partsOnlyAllowed) add(found, 'text', TEXT_REQUIRED);
    if (!/^\d+$/.test(position.trim()) || Number(position) < 1)
      add(found, 'position', 'Position in the review: must be a whole number, 1 or more');
    setErrors(found);
    setConflict(false);
    if (found.summary.length > 0) return;
    const body: UpdateRecommendation = {};
    if (number.trim() !== loaded.number) body.number = number.trim();
    if (text.trim() !== loaded.text) body.text = text.trim();
    if (Number(position) !== loaded.position) body.position = Number(position);
    update.mutate(
      { version: recommendation.version, body },
      {
        onSuccess: onSaved,
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setConflict(true);
            void queryClient.invalidateQueries({ queryKey: recommendationKeys.detail(recommendation.id) });
            return;
          }
          setErrors(problemErrors(error, editTargets));
        },
      },
    );
  }

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {conflict ? (
        <ConflictBanner what="recommendation">
          <Link to={`/recommendations/${recommendation.id}`} target="_blank" rel="noreferrer">
            see the recommendation in a new tab
          </Link>
        </ConflictBanner>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextInput
          id="number"
          label="Recommendation number"
          labelClass="govuk-label--s"
          width="govuk-input--width-4"
          error={errors.fields.number}
          value={number}
          onChange={setNumber}
        />
        <Textarea
          id="text"
          label="Recommendation"
          labelClass="govuk-label--s"
          hint={partsOnlyAllowed ? `${TEXT_HINT}. ${PARTS_ONLY_HINT}.` : TEXT_HINT}
          error={errors.fields.text}
          value={text}
          onChange={setText}
        />
        <TextInput
          id="position"
          label="Position in the review"
          labelClass="govuk-label--s"
          hint="Its place in the review's order of recommendations: 1 is first"
          width="govuk-input--width-3"
          error={errors.fields.position}
          value={position}
          onChange={setPosition}
        />
        <button type="submit" className="govuk-button" disabled={update.isPending}>
          Save recommendation
        </button>
      </form>
    </>
  );
}
