import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { PutCouncilSettings } from '@/api/types';
import { adminKeys, councilSettingsKeys, etagOf } from './keys';

export const councilSettingsQuery = (councilId: string) => ({
  queryKey: councilSettingsKeys.settings(councilId),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    unwrap(api.GET('/api/v1/councils/{council_id}/settings', { params: { path: { council_id: councilId } }, signal })),
  staleTime: 5 * 60_000,
});

/**
 * A council's settings in effect (its own, or the defaults): the call-in rule, the grade scale of
 * progress updates, reminders and chasers. Everyone signed in reads their own council's.
 */
export function useCouncilSettings(councilId: string | null | undefined) {
  return useQuery({ ...councilSettingsQuery(councilId ?? ''), enabled: Boolean(councilId) });
}

/** Changes to a council's settings, newest first. */
export function useCouncilSettingsHistory(councilId: string, cursor: string | null) {
  return useQuery({
    queryKey: councilSettingsKeys.history(councilId, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/councils/{council_id}/settings/history', {
          params: { path: { council_id: councilId }, query: cursor ? { cursor, limit: 20 } : { limit: 20 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/**
 * Replaces the settings, on condition that nobody has changed them since `version` (the
 * defaults are version 0, ETag "0").
 */
export function usePutCouncilSettings(councilId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: PutCouncilSettings }) =>
      unwrap(
        api.PUT('/api/v1/councils/{council_id}/settings', {
          params: { path: { council_id: councilId }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: (settings) => {
      queryClient.setQueryData(councilSettingsKeys.settings(councilId), settings);
      void queryClient.invalidateQueries({ queryKey: councilSettingsKeys.all });
      // Grades are shown from the council's scale.
      void queryClient.invalidateQueries({ queryKey: ['progress'] });
    },
  });
}

/** The working-day calendars a council's call-in periods can count in. */
export function useCalendars() {
  return useQuery({
    queryKey: adminKeys.calendars,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/calendars', { params: { query: { limit: 200 } }, signal })),
    staleTime: 5 * 60_000,
    select: (page) => page.items,
  });
}
