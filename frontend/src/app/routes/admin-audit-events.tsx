import { AuditEventsList } from '@/features/admin/components/audit-events-list';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminAuditEventsRoute() {
  return <RequireAdmin allow={(a) => a.auditEvents}>{() => <AuditEventsList />}</RequireAdmin>;
}
