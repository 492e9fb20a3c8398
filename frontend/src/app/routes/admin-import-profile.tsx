import { useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { useImportProfile } from '@/features/imports/api/import-profiles';
import { ImportProfileDetail, RemoveImportProfilePage } from '@/features/imports/components/import-profiles';
import { NotFound } from './not-found';

function Profile({ id, remove }: { id: string; remove: boolean }) {
  const profile = useImportProfile(id);
  if (profile.isPending) return <Loading label="Loading the column mapping" />;
  if (profile.isError) {
    return isNotFound(profile.error) ? <NotFound /> : <QueryError error={profile.error} what="the column mapping" />;
  }
  if (remove) return <RemoveImportProfilePage profile={profile.data} />;
  return <ImportProfileDetail key={profile.data.id} profile={profile.data} onReload={() => profile.refetch()} />;
}

/** `/admin/import-profiles/:id`, and `/admin/import-profiles/:id/remove` to remove it. */
export default function AdminImportProfileRoute({ remove = false }: { remove?: boolean }) {
  const { profileId = '' } = useParams();
  return <RequireAdmin allow={(a) => a.importProfiles}>{() => <Profile id={profileId} remove={remove} />}</RequireAdmin>;
}
