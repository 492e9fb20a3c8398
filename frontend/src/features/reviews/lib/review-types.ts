import type { ReviewType } from '@/api/types';

/** The review types the API knows (`review_type`), with its labels. */
export const REVIEW_TYPES = [
  { value: 'task_and_finish', label: 'Task & Finish' },
  { value: 'in_depth', label: 'In-depth' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly { value: ReviewType; label: string }[];
