import { useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import type { Me } from '@/api/types';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useIdentityProvider } from '@/features/admin/api/identity-providers';
import { IdentityProviderDetail, RemoveIdentityProviderPage } from '@/features/admin/components/identity-providers';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { NotFound } from './not-found';

function IdentityProvider({ me, id, remove }: { me: Me; id: string; remove: boolean }) {
  const provider = useIdentityProvider(id);
  if (provider.isPending) return <Loading label="Loading the identity provider" />;
  if (provider.isError) {
    return isNotFound(provider.error) ? <NotFound /> : <QueryError error={provider.error} what="the identity provider" />;
  }
  if (remove) return <RemoveIdentityProviderPage provider={provider.data} />;
  return <IdentityProviderDetail key={provider.data.id} me={me} provider={provider.data} onReload={() => provider.refetch()} />;
}

/** `/admin/identity-providers/:id`, and `/admin/identity-providers/:id/remove` to remove it. */
export default function AdminIdentityProviderRoute({ remove = false }: { remove?: boolean }) {
  const { providerId = '' } = useParams();
  return (
    <RequireAdmin allow={(a) => a.identityProviders}>
      {(me) => <IdentityProvider me={me} id={providerId} remove={remove} />}
    </RequireAdmin>
  );
}
