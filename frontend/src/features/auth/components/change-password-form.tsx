import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import { ErrorSummary } from '@/components/ui/error-summary';
import { PageTitle } from '@/components/ui/page-title';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useChangePassword } from '../api/change-password';

/** As the API requires of a new password. */
export const MIN_PASSWORD_LENGTH = 12;

const TARGETS: Record<string, FieldTarget> = {
  current_password: { id: 'current-password', label: 'Current password' },
  new_password: { id: 'new-password', label: 'New password' },
};

type FieldProps = {
  id: string;
  label: string;
  hint?: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
};

/** GOV.UK's password input: the password hidden, with a button to show it. */
function PasswordField({ id, label, hint, autoComplete, value, onChange, error }: FieldProps) {
  const [shown, setShown] = useState(false);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group govuk-password-input${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          className={`govuk-input govuk-password-input__input${error ? ' govuk-input--error' : ''}`}
          id={id}
          name={id}
          type={shown ? 'text' : 'password'}
          spellCheck={false}
          autoComplete={autoComplete}
          autoCapitalize="none"
          aria-describedby={described}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-password-input__toggle"
          aria-controls={id}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide' : 'Show'} <span className="govuk-visually-hidden">{label.toLowerCase()}</span>
        </button>
      </div>
    </div>
  );
}

/** The signed-in user changes their own password: the current one, then the new one twice. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const change = useChangePassword();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (change.isPending) return;
    const found: FormErrors = { fields: {}, summary: [] };
    const add = (id: string, text: string) => {
      found.fields[id] ??= text;
      found.summary.push({ field: id, text });
    };
    if (!current) add('current-password', 'Current password: enter your current password');
    if (next.length < MIN_PASSWORD_LENGTH) {
      add('new-password', `New password: must be at least ${MIN_PASSWORD_LENGTH} characters`);
    } else if (next === current) {
      add('new-password', 'New password: must be different from your current password');
    }
    if (next.length >= MIN_PASSWORD_LENGTH && confirm !== next) {
      add('confirm-password', 'Confirm your new password: type the same new password again');
    }
    setErrors(found);
    if (found.summary.length > 0) return;
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: onChanged,
        onError: (error) => {
          setCurrent('');
          if (error instanceof ApiError && error.status === 429) {
            const wait = error.retryAfter ? `${Math.ceil(error.retryAfter)} seconds` : 'a minute';
            setErrors({ fields: {}, summary: [{ text: `Too many attempts. Wait ${wait} and try again.` }] });
            return;
          }
          setErrors(problemErrors(error, (field) => TARGETS[field]));
        },
      },
    );
  }

  return (
    <>
      <PageTitle title="Change your password" error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Change your password</h1>
      <p className="govuk-body">
        You stay signed in here. You will be signed out on every other device and browser, and must sign in there with
        the new password.
      </p>
      <form onSubmit={submit} noValidate>
        <PasswordField
          id="current-password"
          label="Current password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errors.fields['current-password']}
        />
        <PasswordField
          id="new-password"
          label="New password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a long password that is easy to remember.`}
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          error={errors.fields['new-password']}
        />
        <PasswordField
          id="confirm-password"
          label="Confirm your new password"
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
          error={errors.fields['confirm-password']}
        />
        <button type="submit" className="govuk-button" disabled={change.isPending}>
          Change password
        </button>
      </form>
    </>
  );
}
