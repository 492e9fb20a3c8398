import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { RecommendationPart, UpdateRecommendationPart } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Textarea, TextInput } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { ConflictBanner } from '@/features/reviews/components/conflict-banner';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { recommendationKeys } from '../api/keys';
import { useCreatePart, useUpdatePart } from '../api/write-recommendation';

const TARGETS: Record<string, FieldTarget> = {
  label: { id: 'label', label: 'Part label' },
  text: { id: 'text', label: 'Part text' },
  position: { id: 'position', label: 'Position among the parts' },
};

function check(label: string, text: string, position: string | null): FormErrors {
  const found: FormErrors = { fields: {}, summary: [] };
  const add = (id: string, message: string) => {
    found.fields[id] = message;
    found.summary.push({ field: id, text: message });
  };
  if (!label.trim()) add('label', 'Part label: enter a letter, for example a');
  if (!text.trim()) add('text', 'Part text: enter the text of the part');
  if (position !== null && (!/^\d+$/.test(position.trim()) || Number(position) < 1))
    add('position', 'Position among the parts: must be a whole number, 1 or more');
  return found;
}

type Props = {
  recommendationId: string;
  /** The part to change; a new part when absent. */
  part?: RecommendationPart;
  suggestedLabel?: string;
  onSaved: (part: RecommendationPart) => void;
};

/** Adding a part a), b)… to a recommendation, or changing one. */
export function PartForm({ recommendationId, part, suggestedLabel = '', onSaved }: Props) {
  const queryClient = useQueryClient();
  const [loaded] = useState(part);
  const [label, setLabel] = useState(part?.label ?? suggestedLabel);
  const [text, setText] = useState(part?.text ?? '');
  const [position, setPosition] = useState(part ? String(part.position) : '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conflict, setConflict] = useState(false);
  const create = useCreatePart(recommendationId);
  const update = useUpdatePart(part?.id ?? '');
  const pending = create.isPending || update.isPending;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const found = check(label, text, part ? position : null);
    setErrors(found);
    setConflict(false);
    if (found.summary.length > 0) return;
    const onError = (error: Error) => {
      if (part && error instanceof ApiError && error.status === 412) {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: recommendationKeys.part(part.id) });
        return;
      }
      setErrors(problemErrors(error, (field) => TARGETS[field]));
    };
    if (!part || !loaded) {
      create.mutate({ label: label.trim(), text: text.trim() }, { onSuccess: onSaved, onError });
      return;
    }
    const body: UpdateRecommendationPart = {};
    if (label.trim() !== loaded.label) body.label = label.trim();
    if (text.trim() !== loaded.text) body.text = text.trim();
    if (Number(position) !== loaded.position) body.position = Number(position);
    update.mutate({ version: part.version, body }, { onSuccess: onSaved, onError });
  }

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {conflict ? (
        <ConflictBanner what="part">
          <Link to={`/recommendations/${recommendationId}`} target="_blank" rel="noreferrer">
            see the recommendation in a new tab
          </Link>
        </ConflictBanner>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextInput
          id="label"
          label="Part label"
          labelClass="govuk-label--s"
          hint="A letter, for example c"
          width="govuk-input--width-3"
          error={errors.fields.label}
          value={label}
          onChange={setLabel}
        />
        <Textarea
          id="text"
          label="Part text"
          labelClass="govuk-label--s"
          error={errors.fields.text}
          value={text}
          onChange={setText}
        />
        {part ? (
          <TextInput
            id="position"
            label="Position among the parts"
            labelClass="govuk-label--s"
            hint="1 is first"
            width="govuk-input--width-3"
            error={errors.fields.position}
            value={position}
            onChange={setPosition}
          />
        ) : null}
        <button type="submit" className="govuk-button" disabled={pending}>
          Save part
        </button>
      </form>
    </>
  );
}
