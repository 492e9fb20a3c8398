import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { Review, ReviewStatus } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Radios, Textarea } from '@/components/ui/form';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useTransitionReview } from '../api/write-review';
import { REVIEW_STATUSES } from '../lib/statuses';

const TARGETS: Record<string, FieldTarget> = {
  to: { id: 'status-to', label: 'New status' },
  reason: { id: 'status-reason', label: 'Why the review is withdrawn' },
};

function statusLabel(value: string): string {
  return REVIEW_STATUSES.find((s) => s.value === value)?.label ?? value.replace(/_/g, ' ');
}

/** Moving a review on: the statuses the API allows next, as radios. */
export function ReviewStatusForm({ review }: { review: Review }) {
  const [to, setTo] = useState<ReviewStatus | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [moved, setMoved] = useState<string | null>(null);
  const transition = useTransitionReview(review.id);

  if (review.allowed_transitions.length === 0) {
    return <p className="govuk-body">The review cannot move to another status.</p>;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (transition.isPending) return;
    if (!to) {
      setErrors({ fields: { 'status-to': 'New status: choose a status' }, summary: [{ field: 'status-to', text: 'New status: choose a status' }] });
      return;
    }
    if (to === 'withdrawn' && !reason.trim()) {
      const text = 'Why the review is withdrawn: enter the reason';
      setErrors({ fields: { 'status-reason': text }, summary: [{ field: 'status-reason', text }] });
      return;
    }
    setErrors(NO_ERRORS);
    setMoved(null);
    transition.mutate(
      { version: review.version, body: { to, reason: to === 'withdrawn' ? reason.trim() : null } },
      {
        onSuccess: (updated) => {
          setMoved(updated.status_label);
          setTo('');
          setReason('');
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors({
              fields: {},
              summary: [
                {
                  text: 'Someone else changed this review after you opened this page. The page now shows the latest version: check the status and choose again.',
                },
              ],
            });
            return;
          }
          setErrors(problemErrors(error, (field) => TARGETS[field]));
        },
      },
    );
  }

  return (
    <div className="app-block">
      {moved ? <NotificationBanner kind="success" heading={`The review is now: ${moved}`} /> : null}
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate aria-label="Change the status">
        <Radios
          id="status-to"
          name="status-to"
          legend="Move the review to"
          legendClass="govuk-fieldset__legend--m"
          hint={`It is now: ${review.status_label}.`}
          error={errors.fields['status-to']}
          options={review.allowed_transitions.map((value) => ({
            value,
            label: statusLabel(value),
            conditional:
              value === 'withdrawn' ? (
                <Textarea
                  id="status-reason"
                  label="Why the review is withdrawn"
                  rows={3}
                  error={errors.fields['status-reason']}
                  value={reason}
                  onChange={setReason}
                />
              ) : undefined,
          }))}
          value={to}
          onChange={setTo}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={transition.isPending}>
          Change status
        </button>
      </form>
    </div>
  );
}
