import { RequireAdmin } from '@/features/admin/components/require-admin';
import { ImportProfilesList } from '@/features/imports/components/import-profiles';

export default function AdminImportProfilesRoute() {
  return <RequireAdmin allow={(a) => a.importProfiles}>{() => <ImportProfilesList />}</RequireAdmin>;
}
