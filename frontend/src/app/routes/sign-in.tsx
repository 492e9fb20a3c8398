import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { SignInOptions } from '@/features/auth/components/sign-in-options';
import { useSession } from '@/features/auth/lib/use-session';
import { clearEndReason, lastEndReason } from '@/lib/session';
import { safeReturnPath } from '@/lib/safe-path';

function EndedBanner({ reason }: { reason: 'signed-out' | 'expired' }) {
  const success = reason === 'signed-out';
  return (
    <div
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby="ended-banner-title"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="ended-banner-title">
          {success ? 'Success' : 'Important'}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {success ? 'You have signed out.' : 'Your session has ended. Sign in again to carry on.'}
        </p>
      </div>
    </div>
  );
}

export default function SignInRoute() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  // Read once: the banner stays while this page is shown, and is gone after a reload.
  const [ended] = useState(lastEndReason);
  useEffect(clearEndReason, []);

  if (session) return <Navigate to={next} replace />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {ended ? <EndedBanner reason={ended} /> : null}
        <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
        <SignInOptions returnTo={next} />
        <p className="govuk-body">
          You do not need to sign in to <Link to="/public">read the scrutiny reviews councils have published</Link>.
        </p>
      </div>
    </div>
  );
}
