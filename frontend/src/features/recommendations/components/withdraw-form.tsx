import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Textarea } from '@/components/ui/form';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';

type Props = {
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
};

const REASON = 'Reason for withdrawal';

/** Withdrawing keeps the record, with the reason: nothing is deleted silently. */
export function WithdrawForm({ what, action, withdraw, staleKey, pending, onDone }: Props) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!reason.trim()) {
      const text = `${REASON}: say why ${what} is withdrawn`;
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
              text: `Someone else changed ${what} after you opened this page. It has not been withdrawn. Check it, then select ${action} again.`,
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
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate>
        <Textarea
          id="reason"
          label={REASON}
          labelClass="govuk-label--s"
          hint={`It stays on record as withdrawn, with this reason. For example, superseded by the force-wide engagement plan.`}
          rows={3}
          error={errors.fields.reason}
          value={reason}
          onChange={setReason}
        />
        <button type="submit" className="govuk-button govuk-button--warning" disabled={pending}>
          {action}
        </button>
      </form>
    </>
  );
}
