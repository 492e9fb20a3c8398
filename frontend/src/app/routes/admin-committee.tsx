import { useNavigate, useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { CommitteeDetailPage } from '@/features/admin/components/committees';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { useCommittee } from '@/features/committees/api/get-committee';
import { NotFound } from './not-found';

function CommitteePage({ id }: { id: string }) {
  const committee = useCommittee(id);
  const navigate = useNavigate();
  if (committee.isPending) return <Loading label="Loading the committee" />;
  if (committee.isError) {
    return isNotFound(committee.error) ? <NotFound /> : <QueryError error={committee.error} what="the committee" />;
  }
  return (
    <CommitteeDetailPage
      key={committee.data.id}
      committee={committee.data}
      onReload={() => committee.refetch()}
      onNavigate={(path) => navigate(path)}
    />
  );
}

export default function AdminCommitteeRoute() {
  const { committeeId = '' } = useParams();
  return <RequireAdmin allow={(a) => a.committeesWrite}>{() => <CommitteePage id={committeeId} />}</RequireAdmin>;
}
