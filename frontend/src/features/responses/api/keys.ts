import type { QueryClient } from '@tanstack/react-query';
import type { paths } from '@/api/schema';

export type ResponsesQuery = NonNullable<paths['/api/v1/statutory-responses']['get']['parameters']['query']>;

/** Query keys of statutory responses, so that a change refreshes every view of them. */
export const responseKeys = {
  all: ['responses'] as const,
  tracker: (reviewId: string) => ['responses', 'tracker', reviewId] as const,
  list: (query: ResponsesQuery) => ['responses', 'list', query] as const,
  detail: (id: string) => ['responses', 'detail', id] as const,
  history: (id: string, cursor: string | null) => ['responses', 'history', id, cursor] as const,
};

/** After a write: every view of responses, and the dashboard that counts them. */
export function invalidateResponses(queryClient: QueryClient, except?: string) {
  void queryClient.invalidateQueries({
    queryKey: responseKeys.all,
    predicate: (q) => !(except && q.queryKey[1] === 'detail' && q.queryKey[2] === except),
  });
  void queryClient.invalidateQueries({ queryKey: ['progress', 'dashboard'] });
}

export { etagOf } from '@/features/progress/api/keys';
