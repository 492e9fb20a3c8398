import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { CalendarFeedsPage } from '@/features/calendar-feeds/components/calendar-feeds';
import { useCommittees } from '@/features/committees/api/get-committees';

export default function AccountCalendarFeedsRoute() {
  const me = useMe();
  const committees = useCommittees();
  if (me.isPending) return <Loading label="Loading your account" />;
  if (me.isError) return <QueryError error={me.error} what="your account" />;
  return <CalendarFeedsPage me={me.data} committees={committees.data?.items ?? []} />;
}
