import type { ProgressEntry } from '@/api/types';
import type { TagColour } from '@/components/ui/tag';

/** The submission workflow (docs/domain.md rule 4), in order, with the API's words. */
export const ENTRY_STATES = [
  { value: 'draft', label: 'Draft' },
  { value: 'submitted', label: 'Submitted' },
  { value: 'returned', label: 'Returned' },
  { value: 'validated', label: 'Validated' },
  { value: 'accepted', label: 'Accepted' },
] as const;

export function entryStateColour(state: string): TagColour {
  switch (state) {
    case 'draft':
      return 'grey';
    case 'submitted':
      return 'blue';
    case 'returned':
      return 'orange';
    case 'validated':
      return 'turquoise';
    case 'accepted':
      return 'green';
    default:
      return 'grey';
  }
}

/** An untouched draft, which council staff may remove from its round: nobody has written in it and it has not moved on. */
export function untouched(entry: Pick<ProgressEntry, 'state' | 'written_at'>): boolean {
  return entry.state === 'draft' && !entry.written_at;
}
