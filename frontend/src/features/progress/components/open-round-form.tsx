import { useState, type FormEvent } from 'react';
import type { ProgressRound, Recommendation, RoundProposal } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Checkboxes, DateInput, dateParts, EMPTY_DATE, isoDate, TextInput, type DateParts } from '@/components/ui/form';
import { PageTitle } from '@/components/ui/page-title';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useOpenRound } from '../api/open-round';

type Props = {
  reviewId: string;
  /** The review's title, above the heading. */
  caption: string;
  proposal: RoundProposal;
  recommendations: readonly Recommendation[];
  onOpened: (round: ProgressRound) => void;
};

const TARGETS: Record<string, FieldTarget> = {
  label: { id: 'label', label: 'Name of the update' },
  deadline: { id: 'deadline-day', label: 'Deadline for partners' },
  meeting_date: { id: 'meeting_date-day', label: 'Committee meeting date' },
  recommendation_ids: { id: 'recommendations', label: 'Recommendations to cover' },
};

function locate(field: string): FieldTarget | undefined {
  if (field.startsWith('recommendation_ids')) return TARGETS.recommendation_ids;
  return TARGETS[field];
}

/** A recommendation's words, shortened for a hint. */
function shorten(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * Opening a progress round, prefilled from the rules' proposal (when it is due, and which
 * recommendations are still outstanding). The officer sets the committee meeting it goes to.
 */
export function OpenRoundForm({ reviewId, caption, proposal, recommendations, onOpened }: Props) {
  const [label, setLabel] = useState(proposal.label);
  const [deadline, setDeadline] = useState<DateParts>(() => dateParts(proposal.deadline));
  const [meeting, setMeeting] = useState<DateParts>(EMPTY_DATE);
  const [chosen, setChosen] = useState<string[]>(() => [...proposal.recommendation_ids]);
  const [parts, setParts] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const open = useOpenRound(reviewId);

  const outstanding = [...recommendations]
    .filter((r) => proposal.recommendation_ids.includes(r.id))
    .sort((a, b) => a.position - b.position);
  const withParts = outstanding.some((r) => r.parts.length > 0);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (open.isPending) return;
    const found: FormErrors = { fields: {}, summary: [] };
    const add = (id: string, text: string) => {
      found.fields[id] = text;
      found.summary.push({ field: id, text });
    };
    const due = isoDate(deadline);
    const meets = isoDate(meeting);
    if (due === null) add('deadline-day', 'Deadline for partners: enter the date their updates are due');
    else if (due === 'invalid') add('deadline-day', 'Deadline for partners: must be a real date, for example 5 5 2023');
    if (meets === 'invalid') add('meeting_date-day', 'Committee meeting date: must be a real date, for example 25 5 2023');
    if (chosen.length === 0) add('recommendations', 'Recommendations to cover: choose at least one recommendation');
    setErrors(found);
    if (found.summary.length > 0 || due === null || due === 'invalid' || meets === 'invalid') return;
    open.mutate(
      {
        label: label.trim() ? label : null,
        deadline: due,
        meeting_date: meets,
        recommendation_ids: chosen,
        include_parts: parts,
      },
      { onSuccess: onOpened, onError: (error) => setErrors(problemErrors(error, locate)) },
    );
  }

  return (
    <>
      <PageTitle title="Open a progress round" error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{caption}</span>
        Open a progress round
      </h1>
      <div className="govuk-inset-text">
        The next update is due <strong>{proposal.due_display}</strong>: {proposal.basis}.
      </div>
      <form onSubmit={submit} noValidate>
        <TextInput
          id="label"
          label="Name of the update"
          labelClass="govuk-label--s"
          hint="As the committee papers will call it, for example November 2022"
          width="govuk-input--width-20"
          error={errors.fields.label}
          value={label}
          onChange={setLabel}
        />
        <DateInput
          id="deadline"
          legend="Deadline for partners"
          hint="The date by which each organisation should submit its update. For example, 5 5 2023"
          error={errors.fields['deadline-day']}
          value={deadline}
          onChange={setDeadline}
        />
        <DateInput
          id="meeting_date"
          legend="Committee meeting date (optional)"
          hint="The meeting the update goes to. It must not be before the deadline."
          error={errors.fields['meeting_date-day']}
          value={meeting}
          onChange={setMeeting}
        />
        <Checkboxes
          id="recommendations"
          name="recommendations"
          legend="Recommendations to cover"
          hint="Those still outstanding. Each gets a draft update for the organisation responsible for it."
          error={errors.fields.recommendations}
          values={chosen}
          onChange={setChosen}
          options={outstanding.map((r) => ({
            value: r.id,
            label: `Recommendation ${r.number}`,
            hint: shorten(recommendationSummary(r)),
          }))}
        />
        {withParts ? (
          <Checkboxes
            id="include_parts"
            name="include_parts"
            legend="Parts"
            values={parts ? ['yes'] : []}
            onChange={(v) => setParts(v.includes('yes'))}
            options={[
              {
                value: 'yes',
                label: 'Also ask for an update on each part, such as 2a) to 2f)',
                hint: "Each part is graded on its own; the recommendation's suggested grade is the worst of them.",
              },
            ]}
          />
        ) : null}
        <button type="submit" className="govuk-button" disabled={open.isPending}>
          Open the round
        </button>
      </form>
    </>
  );
}
