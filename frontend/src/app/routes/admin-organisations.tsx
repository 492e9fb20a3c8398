import { OrganisationsList } from '@/features/admin/components/organisations';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminOrganisationsRoute() {
  return <RequireAdmin allow={(a) => a.organisationsRead}>{(_, access) => <OrganisationsList access={access} />}</RequireAdmin>;
}
