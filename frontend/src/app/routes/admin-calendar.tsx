import { useLocation, useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useCalendar } from '@/features/admin/api/calendars';
import { CalendarPage, type CalendarFlash } from '@/features/admin/components/calendars';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { NotFound } from './not-found';

function Calendar({ id, me }: { id: string; me: Parameters<typeof CalendarPage>[0]['me'] }) {
  const calendar = useCalendar(id);
  const flash = (useLocation().state as { flash?: CalendarFlash } | null)?.flash ?? null;
  if (calendar.isPending) return <Loading label="Loading the calendar" />;
  if (calendar.isError) {
    return isNotFound(calendar.error) ? <NotFound /> : <QueryError error={calendar.error} what="the calendar" />;
  }
  return <CalendarPage key={calendar.data.id} calendar={calendar.data} me={me} flash={flash} />;
}

export default function AdminCalendarRoute() {
  const { calendarId = '' } = useParams();
  return <RequireAdmin allow={(a) => a.calendarsRead}>{(me) => <Calendar id={calendarId} me={me} />}</RequireAdmin>;
}
