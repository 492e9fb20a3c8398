import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { adminKeys } from './keys';

export type AuditEventsQuery = NonNullable<paths['/api/v1/audit-events']['get']['parameters']['query']>;

/** One page of the audit trail, newest first (admins only). */
export function useAuditEvents(query: AuditEventsQuery) {
  return useQuery({
    queryKey: adminKeys.auditEvents(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/audit-events', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}
