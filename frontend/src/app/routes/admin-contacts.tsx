import { ContactsList } from '@/features/admin/components/contacts';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminContactsRoute() {
  return <RequireAdmin allow={(a) => a.contactsWrite}>{() => <ContactsList />}</RequireAdmin>;
}
