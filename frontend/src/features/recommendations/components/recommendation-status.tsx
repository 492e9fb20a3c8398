import type { Recommendation, RecommendationStatus as Status } from '@/api/types';
import { Tag } from '@/components/ui/tag';

/** Closed or withdrawn, in words; nothing for an open recommendation. */
export function RecommendationStatus({ recommendation }: { recommendation: Pick<Recommendation, 'status'> }) {
  if (recommendation.status === 'closed') return <Tag colour="green">Closed</Tag>;
  if (recommendation.status === 'withdrawn') return <Tag colour="red">Withdrawn</Tag>;
  return null;
}

const LABELS: Record<Status, string> = { open: 'Open', closed: 'Closed', withdrawn: 'Withdrawn' };

export const RECOMMENDATION_STATUS_VALUES = Object.keys(LABELS) as Status[];

export const RECOMMENDATION_STATUSES: readonly { value: Status; label: string }[] = (
  Object.keys(LABELS) as Status[]
).map((value) => ({ value, label: LABELS[value] }));
