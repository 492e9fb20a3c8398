import type { paths } from '@/api/schema';

export type ActionsQuery = NonNullable<paths['/api/v1/actions']['get']['parameters']['query']>;

/** Query keys of action-plan data, so that a change refreshes every view of it. */
export const planKeys = {
  all: ['plans'] as const,
  forReview: (reviewId: string) => ['plans', 'review', reviewId] as const,
  history: (planId: string, cursor: string | null) => ['plans', 'history', planId, cursor] as const,
  amendments: (planId: string, cursor: string | null) => ['plans', 'amendments', planId, cursor] as const,
  actionHistory: (actionId: string) => ['plans', 'action-history', actionId] as const,
  actions: (query: ActionsQuery) => ['plans', 'actions', query] as const,
  organisations: () => ['plans', 'organisations'] as const,
  contacts: () => ['plans', 'contacts'] as const,
};

export { etagOf } from '@/features/progress/api/keys';
