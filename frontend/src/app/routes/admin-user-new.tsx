import { useNavigate } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useAllOrganisations } from '@/features/admin/api/organisations';
import { BackLink } from '@/features/admin/components/back-link';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { UserForm } from '@/features/admin/components/user-form';

export default function AdminUserNewRoute() {
  const navigate = useNavigate();
  const organisations = useAllOrganisations();
  return (
    <RequireAdmin allow={(a) => a.users}>
      {(me) => (
        <>
          <PageTitle title="Add a user" />
          <BackLink to="/admin/users">Users</BackLink>
          <h1 className="govuk-heading-l">Add a user</h1>
          {organisations.isPending ? (
            <Loading label="Loading the organisations" />
          ) : organisations.isError ? (
            <QueryError error={organisations.error} what="the organisations" />
          ) : (
            <UserForm me={me} organisations={organisations.data} onSaved={(u) => navigate(`/admin/users/${u.id}`)} />
          )}
        </>
      )}
    </RequireAdmin>
  );
}
