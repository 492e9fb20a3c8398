import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '@/api/problem';
import type { Decision, Recommendation, UpdateDecision } from '@/api/types';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { ConflictBanner } from '@/features/reviews/components/conflict-banner';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { decisionQuery } from '../api/get-decision';
import { useCreateDecision, useUpdateDecision } from '../api/write-decision';
import { decisionBody, decisionValues, DecisionForm, locateDecisionField, newDecisionValues, type DecisionValues } from './decision-form';

type CreateProps = { reviewId: string; reviewTitle: string; recommendations: readonly Recommendation[] };

/** Recording Cabinet's decision on a review; on success, back to the review's decision. */
export function RecordDecisionPage({ reviewId, reviewTitle, recommendations }: CreateProps) {
  const navigate = useNavigate();
  const create = useCreateDecision(reviewId);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [initial] = useState(() => newDecisionValues(recommendations, reviewTitle));

  function submit(values: DecisionValues) {
    create.mutate(decisionBody(values, recommendations), {
      onSuccess: () => void navigate(`/reviews/${reviewId}#decision`),
      onError: (error) => setErrors(problemErrors(error, locateDecisionField)),
    });
  }

  return (
    <>
      <PageTitle title="Record a decision" error={errors.summary.length > 0} />
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{reviewTitle}</span>
        Record a decision
      </h1>
      <DecisionForm
        initial={initial}
        recommendations={recommendations}
        errors={errors}
        pending={create.isPending}
        submitLabel="Record decision"
        onErrors={setErrors}
        onSubmit={submit}
      />
      <p className="govuk-body">
        <Link to={`/reviews/${reviewId}`}>Cancel</Link>
      </p>
    </>
  );
}

/** Only what changed from the record as loaded: resolutions, when sent, replace them all. */
function changes(before: ReturnType<typeof decisionBody>, after: ReturnType<typeof decisionBody>): UpdateDecision {
  const body: UpdateDecision = {};
  const keys = Object.keys(after) as (keyof typeof after)[];
  for (const k of keys) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      (body as Record<string, unknown>)[k] = after[k] ?? null;
    }
  }
  return body;
}

type EditProps = { decision: Decision; reviewTitle: string; recommendations: readonly Recommendation[] };

/** Changing a decision record, on the version loaded; a 412 keeps what was typed. */
export function EditDecisionPage({ decision, reviewTitle, recommendations }: EditProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateDecision(decision.id);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conflict, setConflict] = useState(false);
  const [initial] = useState(() => decisionValues(decision));

  function submit(values: DecisionValues) {
    setConflict(false);
    const body = changes(decisionBody(initial, recommendations), decisionBody(values, recommendations));
    update.mutate(
      { version: decision.version, body },
      {
        onSuccess: () => void navigate(`/reviews/${decision.review_id}#decision`),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setConflict(true);
            void queryClient.invalidateQueries({ queryKey: decisionQuery(decision.id).queryKey });
            return;
          }
          setErrors(problemErrors(error, locateDecisionField));
        },
      },
    );
  }

  return (
    <>
      <PageTitle title="Change the decision" error={errors.summary.length > 0} />
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{reviewTitle}</span>
        Change the decision
      </h1>
      <DecisionForm
        initial={initial}
        recommendations={recommendations}
        errors={errors}
        pending={update.isPending}
        submitLabel="Save decision"
        notice={
          conflict ? (
            <ConflictBanner what="decision">
              <Link to={`/reviews/${decision.review_id}#decision`} target="_blank" rel="noreferrer">
                see the decision in a new tab
              </Link>
            </ConflictBanner>
          ) : null
        }
        onErrors={setErrors}
        onSubmit={submit}
      />
      <p className="govuk-body">
        <Link to={`/reviews/${decision.review_id}`}>Cancel</Link>
      </p>
    </>
  );
}
