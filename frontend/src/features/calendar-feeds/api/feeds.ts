// Calendar feeds: the dates a person works to (milestones, round deadlines, meetings, call-in
// deadlines, statutory responses due) as an address their calendar subscribes to.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CreateCalendarFeed } from '@/api/types';

const FEEDS = ['calendar-feeds'] as const;

/** The user's feeds, revoked ones too (a person has a few: one page). */
export function useCalendarFeeds() {
  return useQuery({
    queryKey: FEEDS,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/calendar-feeds', { signal })),
  });
}

/** A new feed; the answer's address is shown once and never cached. */
export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCalendarFeed) =>
      unwrap(api.POST('/api/v1/calendar-feeds', { headers: { 'Idempotency-Key': crypto.randomUUID() }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: FEEDS }),
  });
}

/** Revokes a feed: its address stops answering at once. */
export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/calendar-feeds/{id}/revocation', {
          params: { path: { id } },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: FEEDS }),
  });
}
