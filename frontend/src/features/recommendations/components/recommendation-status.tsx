import type { Recommendation } from '@/api/types';
import { Tag } from '@/components/ui/tag';

/** Closed or withdrawn, in words; nothing for an open recommendation. */
export function RecommendationStatus({ recommendation }: { recommendation: Pick<Recommendation, 'status'> }) {
  if (recommendation.status === 'closed') return <Tag colour="green">Closed</Tag>;
  if (recommendation.status === 'withdrawn') return <Tag colour="red">Withdrawn</Tag>;
  return null;
}

export const RECOMMENDATION_STATUSES = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
  { value: 'withdrawn', label: 'Withdrawn' },
] as const;
