/** Query keys of progress data, so that a change refreshes every view of it. */
export const progressKeys = {
  all: ['progress'] as const,
  dashboard: () => ['progress', 'dashboard'] as const,
  inbox: (cursor: string | null) => ['progress', 'inbox', cursor] as const,
  assessments: (state: string, cursor: string | null, limit: number) =>
    ['progress', 'assessments', state, cursor, limit] as const,
  reviewRounds: (reviewId: string) => ['progress', 'review-rounds', reviewId] as const,
  proposal: (reviewId: string) => ['progress', 'proposal', reviewId] as const,
  round: (id: string) => ['progress', 'round', id] as const,
  roundEntries: (id: string) => ['progress', 'round-entries', id] as const,
  entry: (id: string) => ['progress', 'entry', id] as const,
  history: (id: string, cursor: string | null) => ['progress', 'entry-history', id, cursor] as const,
  rounds: (query: object) => ['progress', 'rounds', query] as const,
  roundHistory: (id: string, cursor: string | null) => ['progress', 'round-history', id, cursor] as const,
  entries: (query: object) => ['progress', 'entries', query] as const,
};

/** The ETag the API gives a record of this version (`"3"`), for `If-Match`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
