import { RequireAdmin } from '@/features/admin/components/require-admin';
import { UsersList } from '@/features/admin/components/users-list';

export default function AdminUsersRoute() {
  return <RequireAdmin allow={(a) => a.users}>{() => <UsersList />}</RequireAdmin>;
}
