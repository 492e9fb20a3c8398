import { useState } from 'react';
import type { Me, Organisation, User } from '@/api/types';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { roleLabel } from '@/features/auth/lib/roles';
import { formatInstant } from '@/lib/format';
import { useUpdateUser } from '../api/users';
import { ActiveTag } from './active-tag';
import { ActiveToggle } from './active-toggle';
import { BackLink } from './back-link';
import { SetPasswordForm } from './set-password-form';
import { UserForm } from './user-form';

type Props = {
  me: Me;
  user: User;
  organisations: readonly Organisation[];
  onReload: () => Promise<unknown>;
};

/** One user: their details, a form to change them, a new password, and (de)activation. */
export function UserDetail({ me, user, organisations, onReload }: Props) {
  const update = useUpdateUser(user.id);
  const [saved, setSaved] = useState(false);
  const organisation = organisations.find((o) => o.id === user.organisation_id)?.name ?? '';
  const self = me.id === user.id;
  return (
    <>
      <PageTitle title={user.name} />
      <BackLink to="/admin/users">Users</BackLink>
      {saved ? <NotificationBanner kind="success" heading="The user's details have been saved" /> : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">User</span>
        {user.name}
      </h1>
      <SummaryList
        rows={[
          { key: 'Email address', value: user.email },
          { key: 'Role', value: roleLabel(user.role) },
          { key: 'Organisation', value: organisation },
          { key: 'Status', value: <ActiveTag active={user.active} /> },
          { key: 'Last signed in', value: user.last_login_at ? formatInstant(user.last_login_at) : 'Never' },
          { key: 'Added', value: formatInstant(user.created_at) },
        ]}
      />
      <h2 className="govuk-heading-m">Change their details</h2>
      <UserForm
        key={user.id}
        me={me}
        user={user}
        organisations={organisations}
        onReload={onReload}
        onSaved={() => setSaved(true)}
      />
      <h2 className="govuk-heading-m">Password</h2>
      <SetPasswordForm userId={user.id} name={user.name} />
      {self ? null : (
        <>
          <h2 className="govuk-heading-m">Access</h2>
          <ActiveToggle
            active={user.active}
            what="user"
            pending={update.isPending}
            onReload={onReload}
            deactivate={{
              button: 'Deactivate this user',
              explain: 'They lose access on their next request. Their name stays on what they recorded.',
            }}
            activate={{
              button: 'Reactivate this user',
              explain: 'This user is deactivated and cannot sign in. Reactivating lets them sign in again.',
            }}
            onChange={(active, { onError }) =>
              update.mutate({ version: user.version, body: { active } }, { onError, onSuccess: () => setSaved(false) })
            }
          />
        </>
      )}
    </>
  );
}
