import { useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useContact } from '@/features/admin/api/contacts';
import { useAllOrganisations } from '@/features/admin/api/organisations';
import { ContactDetail } from '@/features/admin/components/contacts';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import type { AdminAccess } from '@/features/admin/lib/access';
import { NotFound } from './not-found';

function ContactPage({ id, access }: { id: string; access: AdminAccess }) {
  const contact = useContact(id);
  const organisations = useAllOrganisations();
  if (contact.isPending || organisations.isPending) return <Loading label="Loading the contact" />;
  if (contact.isError) return isNotFound(contact.error) ? <NotFound /> : <QueryError error={contact.error} what="the contact" />;
  if (organisations.isError) return <QueryError error={organisations.error} what="the organisations" />;
  return <ContactDetail contact={contact.data} access={access} organisations={organisations.data} onReload={() => contact.refetch()} />;
}

export default function AdminContactRoute() {
  const { contactId = '' } = useParams();
  return <RequireAdmin allow={(a) => a.contactsWrite}>{(_, access) => <ContactPage id={contactId} access={access} />}</RequireAdmin>;
}
