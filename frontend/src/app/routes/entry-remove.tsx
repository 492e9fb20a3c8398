import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import type { ProgressEntry } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { useRemoveEntry } from '@/features/progress/api/change-round';
import { useEntry } from '@/features/progress/api/get-entry';
import { untouched } from '@/features/progress/lib/states';
import { RecommendationRefText } from '@/features/recommendations/components/recommendation-ref-text';
import { QueryGate } from '@/features/reviews/components/query-gate';
import { StaffOnly } from '@/features/reviews/components/staff-only';
import { formatDate } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';

function name(entry: ProgressEntry): string {
  return `Recommendation ${entry.recommendation.number}${entry.part ? `${entry.part.label})` : ''}`;
}

function Confirm({ entry }: { entry: ProgressEntry }) {
  const navigate = useNavigate();
  const remove = useRemoveEntry(entry.id);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (remove.isPending) return;
    setErrors(NO_ERRORS);
    remove.mutate(undefined, {
      onSuccess: () => void navigate(`/progress-rounds/${entry.round.id}`, { state: { removed: name(entry) } }),
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          setErrors({
            fields: {},
            summary: [
              {
                text:
                  error.problem?.detail ??
                  'Someone has written in this update, attached a file or moved it on since you opened this page: it is kept.',
              },
            ],
          });
          return;
        }
        setErrors(problemErrors(error, () => undefined));
      },
    });
  }

  return (
    <>
      <PageTitle title={`Remove the update on ${name(entry).toLowerCase()}`} error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      <span className="govuk-caption-l">
        <Link to={`/progress-rounds/${entry.round.id}`}>
          {entry.review_title}: {entry.round.label}
        </Link>
      </span>
      <h1 className="govuk-heading-l">Remove the update on {name(entry).toLowerCase()} from the round?</h1>
      <SummaryList
        rows={[
          {
            key: 'Recommendation',
            value: entry.part ? (
              <span className="app-pre-line">{entry.part.text}</span>
            ) : (
              <RecommendationRefText recommendation={entry.recommendation} as="span" />
            ),
          },
          { key: 'Reported by', value: entry.organisation?.name ?? 'The council' },
          { key: 'Due', value: formatDate(entry.round.deadline) },
        ]}
      />
      {untouched(entry) ? (
        <>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Nobody has written in it yet. Removing it takes it out of the round, for a recommendation added by mistake;
              the removal is kept in the audit trail.
            </strong>
          </div>
          <form onSubmit={submit} noValidate>
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" disabled={remove.isPending}>
                Remove the update
              </button>
              <Link to={`/progress-entries/${entry.id}`}>Cancel</Link>
            </div>
          </form>
        </>
      ) : (
        <>
          <p className="govuk-body">
            It cannot be removed: it has been written in or has moved on ({entry.state_label.toLowerCase()}), and is kept.
          </p>
          <p className="govuk-body">
            <Link to={`/progress-entries/${entry.id}`}>Back to the update</Link>
          </p>
        </>
      )}
    </>
  );
}

/** Removing an untouched draft from its round (a recommendation added by mistake), after asking. */
export default function EntryRemoveRoute() {
  const { entryId = '' } = useParams();
  const entry = useEntry(entryId);
  return (
    <StaffOnly title="Remove the update">
      <QueryGate query={entry} what="the progress update" title="Remove the update">
        {(e) => <Confirm entry={e} />}
      </QueryGate>
    </StaffOnly>
  );
}
