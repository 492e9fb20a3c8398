import { IdentityProvidersList } from '@/features/admin/components/identity-providers';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminIdentityProvidersRoute() {
  return <RequireAdmin allow={(a) => a.identityProviders}>{(me) => <IdentityProvidersList me={me} />}</RequireAdmin>;
}
