import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import { ErrorSummary, type ErrorItem } from '@/components/ui/error-summary';
import { PageTitle } from '@/components/ui/page-title';
import { useSignIn } from '../api/sign-in';

type Field = 'email' | 'password';
type Errors = { fields: Partial<Record<Field, string>>; summary: ErrorItem[] };

const NO_ERRORS: Errors = { fields: {}, summary: [] };
// One message for a wrong email or a wrong password: it must not tell which.
const WRONG_CREDENTIALS = 'Enter a correct email address and password';

function validate(email: string, password: string): Errors {
  const fields: Partial<Record<Field, string>> = {};
  if (!email.trim()) fields.email = 'Enter your email address';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
    fields.email = 'Enter an email address in the correct format, like name@example.com';
  }
  if (!password) fields.password = 'Enter your password';
  return {
    fields,
    summary: (Object.keys(fields) as Field[]).map((field) => ({ field, text: fields[field]! })),
  };
}

/** What a failed sign-in means for the form. */
export function signInErrors(error: unknown): Errors {
  if (error instanceof ApiError) {
    if (error.status === 401) {
      return {
        fields: { email: WRONG_CREDENTIALS, password: WRONG_CREDENTIALS },
        summary: [{ field: 'email', text: WRONG_CREDENTIALS }],
      };
    }
    if (error.status === 429) {
      const wait = error.retryAfter ? `${Math.ceil(error.retryAfter)} seconds` : 'a minute';
      return {
        fields: {},
        summary: [{ text: `Too many attempts to sign in. Wait ${wait} and try again.` }],
      };
    }
    if (error.status === 422 && error.problem?.errors?.length) {
      const fields: Partial<Record<Field, string>> = {};
      const summary: ErrorItem[] = [];
      for (const { field, message } of error.problem.errors) {
        const known = field === 'email' || field === 'password' ? field : undefined;
        const text = known ? `${known === 'email' ? 'Email address' : 'Password'}: ${message}` : message;
        if (known) fields[known] ??= text;
        summary.push({ field: known, text });
      }
      return { fields, summary };
    }
  }
  return {
    fields: {},
    summary: [{ text: 'Sorry, there is a problem with the service. Try again later.' }],
  };
}

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const signIn = useSignIn();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signIn.isPending) return;
    const found = validate(email, password);
    setErrors(found);
    if (found.summary.length > 0) return;
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: onSignedIn,
        onError: (error) => {
          setPassword('');
          setErrors(signInErrors(error));
        },
      },
    );
  }

  const emailError = errors.fields.email;
  const passwordError = errors.fields.password;
  return (
    <>
      <PageTitle title="Sign in" error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Sign in</h1>
      <form onSubmit={submit} noValidate>
        <div className={`govuk-form-group${emailError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="email">
            Email address
          </label>
          {emailError ? (
            <p id="email-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {emailError}
            </p>
          ) : null}
          <input
            className={`govuk-input${emailError ? ' govuk-input--error' : ''}`}
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            aria-describedby={emailError ? 'email-error' : undefined}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className={`govuk-form-group${passwordError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="password">
            Password
          </label>
          {passwordError ? (
            <p id="password-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {passwordError}
            </p>
          ) : null}
          <input
            className={`govuk-input govuk-!-width-two-thirds${passwordError ? ' govuk-input--error' : ''}`}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            spellCheck={false}
            aria-describedby={passwordError ? 'password-error' : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="govuk-button" disabled={signIn.isPending} aria-disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </>
  );
}
