import type { Review } from '@/api/types';
import { Tag } from '@/components/ui/tag';
import { statusColour } from '../lib/statuses';

export function ReviewStatusTag({ review }: { review: Pick<Review, 'status' | 'status_label'> }) {
  return <Tag colour={statusColour(review.status)}>{review.status_label}</Tag>;
}
