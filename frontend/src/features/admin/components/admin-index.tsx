import type { Me } from '@/api/types';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { adminAccess } from '../lib/access';

type Section = { to: string; title: string; description: string };

function sections(me: Me): Section[] {
  const access = adminAccess(me);
  const list: Section[] = [];
  if (access.users) {
    list.push({
      to: '/admin/users',
      title: 'Users',
      description: 'Add people, change their role or organisation, set a new password, deactivate accounts.',
    });
  }
  if (access.organisationsRead) {
    list.push({
      to: '/admin/organisations',
      title: 'Organisations',
      description: access.organisationsWrite
        ? 'Councils and partner organisations: add them and correct their details.'
        : 'Councils and partner organisations.',
    });
  }
  if (access.contactsWrite) {
    list.push({
      to: '/admin/contacts',
      title: 'Contacts',
      description: 'The people named as owners of actions, with their job titles and how to reach them.',
    });
  }
  if (access.committeesWrite) {
    list.push({
      to: '/admin/committees',
      title: 'Committees',
      description: 'Select committees, how often they receive progress updates, and committees renamed or replaced.',
    });
  }
  if (access.importProfiles) {
    list.push({
      to: '/admin/import-profiles',
      title: 'Import column mappings',
      description: 'The saved mappings that read your trackers and action plans: which column is which, status words’ grades, committees.',
    });
  }
  if (access.settingsWrite) {
    list.push({
      to: `/admin/councils/${me.organisation.id}/settings`,
      title: 'Council settings',
      description: 'The grading scale of progress updates, the call-in period, reminders and chasers.',
    });
  }
  if (access.calendarsRead) {
    list.push({
      to: '/admin/calendars',
      title: 'Calendars and holidays',
      description: access.calendarsWrite
        ? "The bank holidays and your council's closure days that call-in periods skip: add and remove them."
        : "The bank holidays and your council's closure days that call-in periods skip.",
    });
  }
  if (access.serviceAccounts) {
    list.push({
      to: '/admin/service-accounts',
      title: 'Service accounts',
      description: "Credentials for partners' systems that send updates to the API.",
    });
  }
  if (access.webhooks) {
    list.push({
      to: '/admin/webhooks',
      title: 'Webhooks',
      description: "Other systems told of your council's changes as they happen: their addresses, signing secrets and deliveries.",
    });
  }
  if (access.identityProviders) {
    list.push({
      to: '/admin/identity-providers',
      title: 'Identity providers',
      description:
        "Signing in with your council's own accounts (OpenID Connect, such as Microsoft Entra ID): the providers, and the roles their groups give.",
    });
  }
  if (access.auditEvents) {
    list.push({
      to: '/admin/audit-events',
      title: 'Audit trail',
      description: 'Every change: who made it, when, and what it was before and after.',
    });
  }
  return list;
}

/** The administration home: a link to each section the signed-in person may use. */
export function AdminIndex({ me }: { me: Me }) {
  const list = sections(me);
  return (
    <>
      <PageTitle title="Administration" />
      <h1 className="govuk-heading-l">Administration</h1>
      {list.length === 0 ? (
        <p className="govuk-body">Your role does not give you any administration tasks.</p>
      ) : (
        <ul className="govuk-list">
          {list.map((s) => (
            <li key={s.to} className="govuk-!-margin-bottom-5">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link to={s.to}>{s.title}</Link>
              </h2>
              <p className="govuk-body govuk-!-margin-bottom-0">{s.description}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
