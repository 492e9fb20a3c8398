import { useNavigate } from 'react-router';
import { PageTitle } from '@/components/ui/page-title';
import { BackLink } from '@/features/admin/components/back-link';
import { CommitteeForm } from '@/features/admin/components/committees';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminCommitteeNewRoute() {
  const navigate = useNavigate();
  return (
    <RequireAdmin allow={(a) => a.committeesWrite}>
      {() => (
        <>
          <PageTitle title="Add a committee" />
          <BackLink to="/admin/committees">Committees</BackLink>
          <h1 className="govuk-heading-l">Add a committee</h1>
          <CommitteeForm onSaved={(id) => navigate(`/admin/committees/${id}`)} />
        </>
      )}
    </RequireAdmin>
  );
}
