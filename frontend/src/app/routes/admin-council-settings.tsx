import { useParams } from 'react-router';
import { CouncilSettingsPage } from '@/features/admin/components/council-settings-page';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminCouncilSettingsRoute() {
  const { councilId = '' } = useParams();
  return (
    <RequireAdmin allow={(a) => a.settingsWrite}>
      {(me) => (
        <CouncilSettingsPage
          key={councilId}
          councilId={councilId}
          backTo={me.role === 'admin' && councilId !== me.organisation.id ? `/admin/organisations/${councilId}` : '/admin'}
        />
      )}
    </RequireAdmin>
  );
}
