import { useState } from 'react';
import { ApiError } from '@/api/problem';
import { ErrorSummary } from '@/components/ui/error-summary';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';

type Props = {
  active: boolean;
  /** "user", "service account". */
  what: string;
  /** The words on the buttons and what happens, by state. */
  deactivate: { button: string; explain: string };
  activate: { button: string; explain: string };
  pending: boolean;
  onChange: (active: boolean, callbacks: { onError: (error: unknown) => void }) => void;
  /** Loads the latest version after a 412. */
  onReload: () => Promise<unknown>;
};

/** Deactivates or reactivates an account, with what it means said first. */
export function ActiveToggle({ active, what, deactivate, activate, pending, onChange, onReload }: Props) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const step = active ? deactivate : activate;
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <p className="govuk-body">{step.explain}</p>
      <button
        type="button"
        className={`govuk-button${active ? ' govuk-button--warning' : ' govuk-button--secondary'}`}
        disabled={pending}
        onClick={() => {
          setErrors(NO_ERRORS);
          onChange(!active, {
            onError: (error) => {
              if (error instanceof ApiError && error.status === 412) {
                setErrors({
                  fields: {},
                  summary: [
                    { text: `Someone else changed this ${what} after you opened it. Check the details, which now show their change, and try again.` },
                  ],
                });
                void onReload();
                return;
              }
              setErrors(problemErrors(error, () => undefined));
            },
          });
        }}
      >
        {step.button}
      </button>
    </>
  );
}
