import { CalendarsList } from '@/features/admin/components/calendars';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminCalendarsRoute() {
  return (
    <RequireAdmin allow={(a) => a.calendarsRead}>
      {(me, access) => <CalendarsList me={me} canCreate={access.calendarsWrite} />}
    </RequireAdmin>
  );
}
