import { NewCalendarPage } from '@/features/admin/components/calendars';
import { RequireAdmin } from '@/features/admin/components/require-admin';

export default function AdminCalendarNewRoute() {
  return <RequireAdmin allow={(a) => a.calendarsWrite}>{() => <NewCalendarPage />}</RequireAdmin>;
}
