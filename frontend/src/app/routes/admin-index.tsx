import { AdminIndex } from '@/features/admin/components/admin-index';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminIndexRoute() {
  return <RequireAdmin>{(me) => <AdminIndex me={me} />}</RequireAdmin>;
}
