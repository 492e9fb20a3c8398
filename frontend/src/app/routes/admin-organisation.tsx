import { useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useOrganisation } from '@/features/admin/api/organisations';
import { OrganisationDetail } from '@/features/admin/components/organisations';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import type { AdminAccess } from '@/features/admin/lib/access';
import { NotFound } from './not-found';

function OrganisationPage({ id, access }: { id: string; access: AdminAccess }) {
  const organisation = useOrganisation(id);
  if (organisation.isPending) return <Loading label="Loading the organisation" />;
  if (organisation.isError) {
    return isNotFound(organisation.error) ? <NotFound /> : <QueryError error={organisation.error} what="the organisation" />;
  }
  return <OrganisationDetail organisation={organisation.data} access={access} onReload={() => organisation.refetch()} />;
}

export default function AdminOrganisationRoute() {
  const { organisationId = '' } = useParams();
  return (
    <RequireAdmin allow={(a) => a.organisationsRead}>
      {(_, access) => <OrganisationPage id={organisationId} access={access} />}
    </RequireAdmin>
  );
}
