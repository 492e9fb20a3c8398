import { useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import type { Me } from '@/api/types';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useAllOrganisations } from '@/features/admin/api/organisations';
import { useUser } from '@/features/admin/api/users';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { UserDetail } from '@/features/admin/components/user-detail';
import { NotFound } from './not-found';

function UserPage({ id, me }: { id: string; me: Me }) {
  const user = useUser(id);
  const organisations = useAllOrganisations();
  if (user.isPending || organisations.isPending) return <Loading label="Loading the user" />;
  if (user.isError) return isNotFound(user.error) ? <NotFound /> : <QueryError error={user.error} what="the user" />;
  if (organisations.isError) return <QueryError error={organisations.error} what="the organisations" />;
  return <UserDetail me={me} user={user.data} organisations={organisations.data} onReload={() => user.refetch()} />;
}

export default function AdminUserRoute() {
  const { userId = '' } = useParams();
  return <RequireAdmin allow={(a) => a.users}>{(me) => <UserPage id={userId} me={me} />}</RequireAdmin>;
}
