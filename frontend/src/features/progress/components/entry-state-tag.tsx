import type { ProgressEntry } from '@/api/types';
import { Tag } from '@/components/ui/tag';
import { entryStateColour } from '../lib/states';

export function EntryStateTag({ entry }: { entry: Pick<ProgressEntry, 'state' | 'state_label'> }) {
  return <Tag colour={entryStateColour(entry.state)}>{entry.state_label}</Tag>;
}

/** "Overdue", in words and colour, for an entry or round past its deadline. */
export function OverdueTag() {
  return <Tag colour="red">Overdue</Tag>;
}
