import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { Decision } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Link } from '@/components/ui/link';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { formatLocalDateTime } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { useRecomputeDeadline } from '../api/write-decision';

/**
 * Recomputing a published decision's call-in deadline with the council's current calendar and
 * settings: a holiday added to the calendar after the decision was recorded does not move its
 * deadline until then.
 */
export function RecomputeDeadline({ decision }: { decision: Decision }) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [outcome, setOutcome] = useState<string | null>(null);
  const recompute = useRecomputeDeadline(decision.id);
  if (!decision.published_on) return null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (recompute.isPending) return;
    setErrors(NO_ERRORS);
    setOutcome(null);
    const before = decision.call_in.computed_deadline_local;
    recompute.mutate(
      { version: decision.version },
      {
        onSuccess: (after) => {
          const now = formatLocalDateTime(after.call_in.computed_deadline_local);
          setOutcome(
            after.call_in.computed_deadline_local === before
              ? `The call-in deadline is unchanged: ${now}`
              : `The call-in deadline is now ${now}`,
          );
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors({
              fields: {},
              summary: [
                {
                  text: 'Someone else changed this decision after you opened this page. The page now shows the latest version: check the deadline and recompute it again.',
                },
              ],
            });
            return;
          }
          setErrors(problemErrors(error, () => undefined));
        },
      },
    );
  }

  return (
    <div className="app-block">
      {outcome ? <NotificationBanner kind="success" heading={outcome} /> : null}
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate aria-label="Recompute the call-in deadline">
        <p className="govuk-body">
          The deadline was computed when the decision was recorded. If a bank holiday or closure day has since been added to
          the council&apos;s <Link to="/admin/calendars">calendar</Link>, or its call-in period changed, recompute it.
        </p>
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={recompute.isPending}>
          Recompute the call-in deadline
        </button>
      </form>
    </div>
  );
}
