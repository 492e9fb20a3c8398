import { useNavigate } from 'react-router';
import { PageTitle } from '@/components/ui/page-title';
import { BackLink } from '@/features/admin/components/back-link';
import { OrganisationForm } from '@/features/admin/components/organisations';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminOrganisationNewRoute() {
  const navigate = useNavigate();
  return (
    <RequireAdmin allow={(a) => a.organisationsWrite}>
      {() => (
        <>
          <PageTitle title="Add an organisation" />
          <BackLink to="/admin/organisations">Organisations</BackLink>
          <h1 className="govuk-heading-l">Add an organisation</h1>
          <OrganisationForm onSaved={(o) => navigate(`/admin/organisations/${o.id}`)} />
        </>
      )}
    </RequireAdmin>
  );
}
