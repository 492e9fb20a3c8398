import type { Me } from '@/api/types';
import { Link } from '@/components/ui/link';
import { SummaryList } from '@/components/ui/summary-list';
import { roleLabel } from '../lib/roles';

/** Who the signed-in person is, and what they can change about their account. */
export function AccountDetails({ me }: { me: Me }) {
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Name', value: me.name },
          { key: 'Email address', value: me.email },
          { key: 'Role', value: roleLabel(me.role) },
          { key: 'Organisation', value: me.organisation.name },
        ]}
      />
      {me.kind === 'user' ? (
        <ul className="govuk-list">
          <li>
            <Link to="/account/password">Change your password</Link>
          </li>
          <li>
            <Link to="/account/calendar-feeds">Your scrutiny dates in your calendar</Link>
            <span className="govuk-body-s app-secondary-text app-block">
              Calendar feeds of milestones, deadlines and meetings, for Outlook or another calendar
            </span>
          </li>
        </ul>
      ) : null}
      <p className="govuk-body">
        To change your name, email address, role or organisation, ask an administrator of your council.
      </p>
    </>
  );
}
