import { useState, type FormEvent, type ReactNode } from 'react';
import type { ProgressEntry, ProgressRound, Recommendation } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Radios, Select, type SelectOption } from '@/components/ui/form';
import { PageTitle } from '@/components/ui/page-title';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useAddRoundEntry } from '../api/change-round';

const TARGETS: Record<string, FieldTarget> = {
  recommendation_id: { id: 'recommendation', label: 'Recommendation' },
  part_id: { id: 'part', label: 'Part' },
  organisation_id: { id: 'organisation', label: 'Who reports' },
};

function shorten(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

type Props = {
  round: ProgressRound;
  heading: ReactNode;
  /** The review's recommendations, in order. */
  recommendations: readonly Recommendation[];
  /** What the round covers already. */
  entries: readonly ProgressEntry[];
  organisations: readonly SelectOption[];
  onAdded: (entry: ProgressEntry) => void;
};

/**
 * Adding a recommendation, or one of its parts, to an open round: a new draft update for the
 * organisation its actions name first, or for another one chosen here.
 */
export function AddEntryForm({ round, heading, recommendations, entries, organisations, onAdded }: Props) {
  const [recommendation, setRecommendation] = useState('');
  const [part, setPart] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const add = useAddRoundEntry(round.id);

  const covered = new Set(entries.map((e) => `${e.recommendation.id}/${e.part?.id ?? ''}`));
  const open = [...recommendations].filter((r) => r.status === 'open').sort((a, b) => a.position - b.position);
  const chosen = open.find((r) => r.id === recommendation);
  const parts = (chosen?.parts ?? []).filter((p) => !p.withdrawn_reason).sort((a, b) => a.position - b.position);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (add.isPending) return;
    if (!recommendation) {
      const text = 'Recommendation: choose the recommendation to add to the round';
      setErrors({ fields: { recommendation: text }, summary: [{ field: 'recommendation', text }] });
      return;
    }
    setErrors(NO_ERRORS);
    add.mutate(
      { recommendation_id: recommendation, part_id: part || null, organisation_id: organisation || null },
      {
        onSuccess: onAdded,
        onError: (error) => setErrors(problemErrors(error, (field) => TARGETS[field])),
      },
    );
  }

  return (
    <>
      <PageTitle title={`Add a recommendation to the ${round.label} round`} error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      {heading}
      {open.length === 0 ? (
        <p className="govuk-body">The review has no open recommendation to add.</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <Radios
            id="recommendation"
            name="recommendation"
            legend="Recommendation"
            legendClass="govuk-fieldset__legend--m"
            hint="Only open recommendations are monitored. Each one gets a draft update for the organisation that reports on it."
            error={errors.fields.recommendation}
            value={recommendation}
            onChange={(value) => {
              setRecommendation(value);
              setPart('');
            }}
            options={open.map((r) => ({
              value: r.id,
              label: `Recommendation ${r.number}`,
              hint: `${covered.has(`${r.id}/`) ? 'Already in this round. ' : ''}${shorten(recommendationSummary(r))}`,
            }))}
          />
          {parts.length > 0 ? (
            <Select
              id="part"
              label="Part (optional)"
              labelClass="govuk-label--s"
              hint="For an update on one part only, graded on its own"
              error={errors.fields.part}
              value={part}
              onChange={setPart}
              placeholder="The whole recommendation"
              width="govuk-!-width-full"
              options={parts.map((p) => ({
                value: p.id,
                label: `${chosen!.number}${p.label}) ${shorten(p.text, 60)}${covered.has(`${chosen!.id}/${p.id}`) ? ' (already in this round)' : ''}`,
              }))}
            />
          ) : null}
          <Select
            id="organisation"
            label="Who reports (optional)"
            labelClass="govuk-label--s"
            hint="By default, the organisation the recommendation's actions name first"
            error={errors.fields.organisation}
            value={organisation}
            onChange={setOrganisation}
            placeholder="As the action plan says"
            width="govuk-!-width-full"
            options={organisations}
          />
          <button type="submit" className="govuk-button" disabled={add.isPending}>
            Add to the round
          </button>
        </form>
      )}
    </>
  );
}
