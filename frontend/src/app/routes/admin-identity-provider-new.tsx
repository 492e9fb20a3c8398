import { NewIdentityProvider } from '@/features/admin/components/identity-providers';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminIdentityProviderNewRoute() {
  return <RequireAdmin allow={(a) => a.identityProviders}>{(me) => <NewIdentityProvider me={me} />}</RequireAdmin>;
}
