import { CommitteesList } from '@/features/admin/components/committees';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminCommitteesRoute() {
  return (
    <RequireAdmin allow={(a) => a.committeesWrite}>
      {(me) => <CommitteesList councilId={me.role === 'admin' ? undefined : me.organisation.id} />}
    </RequireAdmin>
  );
}
