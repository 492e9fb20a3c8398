// Working-day calendars: the bank holidays and closure days that call-in periods do not count.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, isProblem, unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { CreateCalendar, CreateHoliday } from '@/api/types';
import { adminKeys } from './keys';

export type HolidaysQuery = NonNullable<paths['/api/v1/calendars/{id}/holidays']['get']['parameters']['query']>;

export function useCalendar(id: string) {
  return useQuery({
    queryKey: adminKeys.calendar(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/calendars/{id}', { params: { path: { id } }, signal })),
    enabled: id !== '',
  });
}

/** One page of a calendar's holidays by date, optionally between two days. */
export function useHolidays(id: string, query: HolidaysQuery) {
  return useQuery({
    queryKey: adminKeys.holidays(id, query),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/calendars/{id}/holidays', { params: { path: { id }, query }, signal })),
    placeholderData: keepPreviousData,
    enabled: id !== '',
  });
}

/** One page of a calendar's changes: its creation and every holiday added or removed. */
export function useCalendarHistory(id: string, cursor: string | null) {
  return useQuery({
    queryKey: adminKeys.calendarHistory(id, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/calendars/{id}/history', {
          params: { path: { id }, query: cursor ? { limit: 20, cursor } : { limit: 20 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: id !== '',
  });
}

/** A new, empty calendar: the council's own closure days (an operator's is national). */
export function useCreateCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCalendar) => unwrap(api.POST('/api/v1/calendars', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.calendars }),
  });
}

/** Adds a holiday; decisions already made keep their call-in deadline until it is recomputed. */
export function useAddHoliday(calendarId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateHoliday) =>
      unwrap(
        api.POST('/api/v1/calendars/{id}/holidays', {
          params: { path: { id: calendarId } },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.calendars }),
  });
}

/** Removes the holiday on `date` (yyyy-mm-dd); the calendar's history keeps it. */
export function useRemoveHoliday(calendarId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (date: string) => {
      const { error, response } = await api.DELETE('/api/v1/calendars/{id}/holidays/{date}', {
        params: { path: { id: calendarId, date } },
      });
      if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.calendars }),
  });
}
