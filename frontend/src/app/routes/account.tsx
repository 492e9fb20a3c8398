import { useLocation } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { AccountDetails } from '@/features/auth/components/account-details';

export default function AccountRoute() {
  const me = useMe();
  const changed = (useLocation().state as { passwordChanged?: boolean } | null)?.passwordChanged === true;
  return (
    <>
      <PageTitle title="Your account" />
      {changed ? (
        <NotificationBanner kind="success" heading="Your password has been changed">
          <p className="govuk-body">
            You have been signed out on every other device and browser. Sign in there with your new password.
          </p>
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">Your account</h1>
      {me.isPending ? (
        <Loading label="Loading your account" />
      ) : me.isError ? (
        <QueryError error={me.error} what="your account" />
      ) : (
        <AccountDetails me={me.data} />
      )}
    </>
  );
}
