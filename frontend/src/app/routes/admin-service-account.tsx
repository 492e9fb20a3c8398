import { useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useOrganisationNames } from '@/features/admin/api/organisations';
import { useServiceAccount } from '@/features/admin/api/service-accounts';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { ServiceAccountDetail } from '@/features/admin/components/service-accounts';
import { NotFound } from './not-found';

function ServiceAccountPage({ id }: { id: string }) {
  const account = useServiceAccount(id);
  const names = useOrganisationNames();
  if (account.isPending) return <Loading label="Loading the service account" />;
  if (account.isError) {
    return isNotFound(account.error) ? <NotFound /> : <QueryError error={account.error} what="the service account" />;
  }
  return (
    <ServiceAccountDetail
      key={account.data.id}
      account={account.data}
      organisationName={names.get(account.data.organisation_id) ?? ''}
      onReload={() => account.refetch()}
    />
  );
}

export default function AdminServiceAccountRoute() {
  const { accountId = '' } = useParams();
  return <RequireAdmin allow={(a) => a.serviceAccounts}>{() => <ServiceAccountPage id={accountId} />}</RequireAdmin>;
}
