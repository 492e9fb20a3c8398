import { useNavigate } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useAllOrganisations } from '@/features/admin/api/organisations';
import { BackLink } from '@/features/admin/components/back-link';
import { ContactForm } from '@/features/admin/components/contacts';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminContactNewRoute() {
  const navigate = useNavigate();
  const organisations = useAllOrganisations();
  return (
    <RequireAdmin allow={(a) => a.contactsWrite}>
      {(_, access) => (
        <>
          <PageTitle title="Add a contact" />
          <BackLink to="/admin/contacts">Contacts</BackLink>
          <h1 className="govuk-heading-l">Add a contact</h1>
          {organisations.isPending ? (
            <Loading label="Loading the organisations" />
          ) : organisations.isError ? (
            <QueryError error={organisations.error} what="the organisations" />
          ) : (
            <ContactForm access={access} organisations={organisations.data} onSaved={(c) => navigate(`/admin/contacts/${c.id}`)} />
          )}
        </>
      )}
    </RequireAdmin>
  );
}
