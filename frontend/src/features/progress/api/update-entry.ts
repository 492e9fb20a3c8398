import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { UpdateProgressEntry } from '@/api/types';
import { etagOf } from './keys';

/**
 * Saves a draft's content, on condition that nobody has changed it since `version` (412
 * otherwise). Called by the autosave, which keeps what the user typed whatever the answer.
 */
export function updateEntry(id: string, version: number, body: UpdateProgressEntry) {
  return unwrap(
    api.PATCH('/api/v1/progress-entries/{id}', {
      params: { path: { id }, header: { 'If-Match': etagOf(version) } },
      body,
    }),
  );
}
