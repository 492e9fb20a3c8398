import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

export const dashboardQuery = () =>
  queryOptions({
    queryKey: progressKeys.dashboard(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dashboard', { signal })),
  });

/** Counts by committee, review and organisation and grade; overdue and due-soon rounds. */
export function useDashboard() {
  return useQuery(dashboardQuery());
}
