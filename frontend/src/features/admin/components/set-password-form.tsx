import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { useSetPassword } from '../api/users';
import { clientErrors } from '../lib/form-errors';
import { MIN_PASSWORD, PasswordInput } from './user-form';

/** An administrator sets a new password for a user; the API signs them out everywhere. */
export function SetPasswordForm({ userId, name }: { userId: string; name: string }) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState(false);
  const set = useSetPassword(userId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (set.isPending) return;
    setDone(false);
    if (password.length < MIN_PASSWORD) {
      setErrors(clientErrors([{ id: 'new-password', text: `New password: must be at least ${MIN_PASSWORD} characters` }]));
      return;
    }
    setErrors(NO_ERRORS);
    set.mutate(
      { password },
      {
        onSuccess: () => {
          setPassword('');
          setDone(true);
        },
        onError: (error) =>
          setErrors(problemErrors(error, (f) => (f === 'password' ? { id: 'new-password', label: 'New password' } : undefined))),
      },
    );
  }

  return (
    <>
      {done ? (
        <NotificationBanner kind="success" heading={`${name}'s password has been changed`}>
          <p className="govuk-body">They have been signed out everywhere and must sign in with the new password.</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate aria-label="Set a new password">
        <PasswordInput
          id="new-password"
          label="New password"
          value={password}
          onChange={setPassword}
          error={errors.fields['new-password']}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={set.isPending}>
          Set password
        </button>
      </form>
    </>
  );
}
