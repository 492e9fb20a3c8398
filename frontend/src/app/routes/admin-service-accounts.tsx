import { RequireAdmin } from '@/features/admin/components/require-admin';
import { ServiceAccountsList } from '@/features/admin/components/service-accounts';

export default function AdminServiceAccountsRoute() {
  return <RequireAdmin allow={(a) => a.serviceAccounts}>{() => <ServiceAccountsList />}</RequireAdmin>;
}
