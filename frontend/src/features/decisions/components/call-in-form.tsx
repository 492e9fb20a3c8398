import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { CallInState, Decision } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Radios, Textarea } from '@/components/ui/form';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { useTransitionCallIn } from '../api/write-decision';

/**
 * The moves the call-in rules allow (DOMAIN rule 7): open → expired or called in; called in →
 * upheld, referred back or referred to full council; referred to council → upheld or referred back.
 */
const NEXT: Partial<Record<CallInState, { value: CallInState; label: string; hint?: string }[]>> = {
  open: [
    { value: 'expired', label: 'The call-in period ended without a call-in', hint: 'Only once the deadline has passed' },
    { value: 'called_in', label: 'Called in' },
  ],
  called_in: [
    { value: 'upheld', label: 'Upheld after call-in' },
    { value: 'referred_back', label: 'Referred back to the decision-maker' },
    {
      value: 'referred_to_council',
      label: 'Referred to full council',
      hint: 'The committee found it outside the budget or policy framework',
    },
  ],
  referred_to_council: [
    { value: 'upheld', label: 'Full council did not object: the decision stands' },
    { value: 'referred_back', label: 'Full council referred it back to the decision-maker' },
  ],
};

/** Recording where a decision is in its call-in period. */
export function CallInForm({ decision }: { decision: Decision }) {
  const id = `call-in-${decision.id}`;
  const [to, setTo] = useState<CallInState | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState(false);
  const transition = useTransitionCallIn(decision.id);
  const options = NEXT[decision.call_in.state] ?? [];
  if (options.length === 0) return null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (transition.isPending) return;
    if (!to) {
      const text = 'Call-in: choose what happened';
      setErrors({ fields: { [`${id}-to`]: text }, summary: [{ field: `${id}-to`, text }] });
      return;
    }
    setErrors(NO_ERRORS);
    setDone(false);
    transition.mutate(
      { version: decision.version, body: { to, note: note.trim() ? note.trim() : null } },
      {
        onSuccess: () => {
          setDone(true);
          setTo('');
          setNote('');
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors({
              fields: {},
              summary: [
                {
                  text: 'Someone else changed this decision after you opened this page. The page now shows the latest version: check the call-in and choose again.',
                },
              ],
            });
            return;
          }
          setErrors(
            problemErrors(error, (field) =>
              field === 'to'
                ? { id: `${id}-to`, label: 'Call-in' }
                : field === 'note'
                  ? { id: `${id}-note`, label: 'Note' }
                  : undefined,
            ),
          );
        },
      },
    );
  }

  return (
    <div className="app-block">
      {done ? <NotificationBanner kind="success" heading="The call-in has been recorded" /> : null}
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate aria-label="Record the call-in">
        <Radios
          id={`${id}-to`}
          name={`${id}-to`}
          legend="Call-in"
          legendClass="govuk-fieldset__legend--s"
          error={errors.fields[`${id}-to`]}
          options={options}
          value={to}
          onChange={setTo}
        />
        <Textarea
          id={`${id}-note`}
          label="Note (optional)"
          hint="For example, who called it in, or the committee's conclusion"
          rows={2}
          error={errors.fields[`${id}-note`]}
          value={note}
          onChange={setNote}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={transition.isPending}>
          Record call-in
        </button>
      </form>
    </div>
  );
}
