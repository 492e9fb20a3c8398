import { useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useCalendar, useHolidays } from '@/features/admin/api/calendars';
import { RemoveHolidayPage } from '@/features/admin/components/calendars';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { NotFound } from './not-found';

function Remove({ calendarId, date }: { calendarId: string; date: string }) {
  const calendar = useCalendar(calendarId);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const holiday = useHolidays(valid ? calendarId : '', { from: date, to: date });
  if (!valid) return <NotFound />;
  if (calendar.isPending || holiday.isPending) return <Loading label="Loading the holiday" />;
  if (calendar.isError) {
    return isNotFound(calendar.error) ? <NotFound /> : <QueryError error={calendar.error} what="the calendar" />;
  }
  const found = holiday.data?.items.find((h) => h.date === date);
  if (!holiday.isError && !found) return <NotFound />;
  return <RemoveHolidayPage calendar={calendar.data} date={date} title={found?.title ?? null} />;
}

export default function AdminHolidayRemoveRoute() {
  const { calendarId = '', date = '' } = useParams();
  return <RequireAdmin allow={(a) => a.calendarsWrite}>{() => <Remove calendarId={calendarId} date={date} />}</RequireAdmin>;
}
