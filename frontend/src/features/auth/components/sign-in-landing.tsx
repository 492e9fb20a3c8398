// Where a sign-in with a council's identity provider ends: the server sends the browser to
// `/signin/sso#code=…&next=…` (or `#error=…`). The fragment never reaches a server; it is read
// once and taken out of the address bar and the history, and the one-time code is traded for a
// session like a password sign-in's.
import { useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '@/api/problem';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { problemErrors } from '@/lib/problem-errors';
import { safeReturnPath } from '@/lib/safe-path';
import { useSignInWithCode } from '../api/sign-in-with-code';
import { useSession } from '../lib/use-session';

type Landing = { code: string | null; error: string | null; next: string };

/** The fragment's code, error and page to go to (a path of this app, else `/`). */
export function readLanding(hash: string): Landing {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return {
    code: params.get('code') || null,
    error: params.get('error') || null,
    next: safeReturnPath(params.get('next')),
  };
}

/** Takes the fragment out of the address, keeping the router's history entry. */
function dropFragment() {
  const { hash, pathname, search } = window.location;
  if (hash) window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}

/** Why the code could not be traded for a session, in words for the person. */
function exchangeMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) {
    return 'Your sign-in could not be finished: it took too long, or it was already used. Sign in again.';
  }
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfter ? `${Math.ceil(error.retryAfter)} seconds` : 'a minute';
    return `Too many attempts to sign in. Wait ${wait} and try again.`;
  }
  return problemErrors(error, () => undefined).summary[0]?.text ?? 'Sorry, there is a problem with the service. Try again later.';
}

function NotSignedIn({ message }: { message: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="You are not signed in" error />
        <ErrorSummary errors={[{ text: message }]} />
        <h1 className="govuk-heading-l">You are not signed in</h1>
        <p className="govuk-body">
          Your council&apos;s sign-in did not sign you in to this service. If it keeps happening, tell your council&apos;s
          administrator what the message says.
        </p>
        <p className="govuk-body">
          <Link to="/sign-in">Try again</Link>
        </p>
      </div>
    </div>
  );
}

/** `/signin/sso`: finishes a sign-in with a council's identity provider. */
export function SignInLanding() {
  // Read once, before the fragment is taken out of the address.
  const [landing] = useState(() => readLanding(window.location.hash));
  const session = useSession();
  const navigate = useNavigate();
  const exchange = useSignInWithCode();
  // Once, on arrival (an effect runs twice in development's strict mode; the code works once).
  const started = useRef(false);

  useEffect(() => {
    // The code works once, for a minute: it is not left in the address bar or the history.
    dropFragment();
    if (started.current || !landing.code || landing.error) return;
    started.current = true;
    exchange.mutate(landing.code, { onSuccess: () => navigate(landing.next, { replace: true }) });
  }, [exchange.mutate, landing, navigate]);

  if (landing.error) return <NotSignedIn message={landing.error} />;
  if (exchange.isError) return <NotSignedIn message={exchangeMessage(exchange.error)} />;
  if (!landing.code) {
    // Nothing to finish (the page was opened again): where a visit would go.
    return <Navigate to={session ? '/' : '/sign-in'} replace />;
  }
  return (
    <>
      <PageTitle title="Signing you in" />
      <h1 className="govuk-heading-l">Sign in</h1>
      <Loading label="Signing you in" />
    </>
  );
}
