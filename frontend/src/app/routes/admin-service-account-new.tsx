import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useAllOrganisations } from '@/features/admin/api/organisations';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { NewServiceAccount } from '@/features/admin/components/service-accounts';

export default function AdminServiceAccountNewRoute() {
  const organisations = useAllOrganisations();
  return (
    <RequireAdmin allow={(a) => a.serviceAccounts}>
      {() =>
        organisations.isPending ? (
          <Loading label="Loading the organisations" />
        ) : organisations.isError ? (
          <QueryError error={organisations.error} what="the organisations" />
        ) : (
          <NewServiceAccount organisations={organisations.data} />
        )
      }
    </RequireAdmin>
  );
}
