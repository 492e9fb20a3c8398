import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@/api/problem';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Textarea } from '@/components/ui/form';
import { PageTitle } from '@/components/ui/page-title';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';

type Props = {
  /** The page's title: "Error: " goes before it while the form shows errors. */
  title: string;
  /** The page's heading and what is withdrawn or closed, under the error summary. */
  intro: ReactNode;
  /** "recommendation 2" or "part 2c)": what the button and messages name. */
  what: string;
  /** The button: "Withdraw recommendation", "Withdraw part". */
  action: string;
  /** Sends the reason; rejects with the API's error. */
  withdraw: (reason: string) => Promise<unknown>;
  /** The query to refresh after a 412, so that withdrawing again applies to the latest version. */
  staleKey: QueryKey;
  pending: boolean;
  onDone: () => void;
  /** Withdrawn (the default), or closed by the committee: the words of the label, hint and messages. */
  kind?: 'withdraw' | 'close';
};

const WORDS = {
  withdraw: {
    label: 'Reason for withdrawal',
    done: 'withdrawn',
    hint: 'It stays on record as withdrawn, with this reason. For example, superseded by the force-wide engagement plan.',
    button: 'govuk-button govuk-button--warning',
  },
  close: {
    label: 'Reason for closing',
    done: 'closed',
    hint: "The committee's reason, as its minutes record it. It stays on record as closed, with this reason. For example, overtaken by the force-wide engagement plan.",
    button: 'govuk-button',
  },
} as const;

/** Withdrawing or closing keeps the record, with the reason: nothing is deleted silently. */
export function WithdrawForm({ title, intro, what, action, withdraw, staleKey, pending, onDone, kind = 'withdraw' }: Props) {
  const words = WORDS[kind];
  const REASON = words.label;
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!reason.trim()) {
      const text = `${REASON}: say why ${what} is ${words.done}`;
      setErrors({ fields: { reason: text }, summary: [{ field: 'reason', text }] });
      return;
    }
    setErrors(NO_ERRORS);
    withdraw(reason.trim()).then(onDone, (error: unknown) => {
      if (error instanceof ApiError && error.status === 412) {
        void queryClient.invalidateQueries({ queryKey: staleKey });
        setErrors({
          fields: {},
          summary: [
            {
              text: `Someone else changed ${what} after you opened this page. It has not been ${words.done}. Check it, then select ${action} again.`,
            },
          ],
        });
        return;
      }
      setErrors(problemErrors(error, (field) => (field === 'reason' ? { id: 'reason', label: REASON } : undefined)));
    });
  }

  return (
    <>
      <PageTitle title={title} error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      {intro}
      <form onSubmit={submit} noValidate>
        <Textarea
          id="reason"
          label={REASON}
          labelClass="govuk-label--s"
          hint={words.hint}
          rows={3}
          error={errors.fields.reason}
          value={reason}
          onChange={setReason}
        />
        <button type="submit" className={words.button} disabled={pending}>
          {action}
        </button>
      </form>
    </>
  );
}
