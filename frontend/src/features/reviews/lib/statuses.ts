import type { InitialReviewStatus, ReviewStatus } from '@/api/types';
import type { TagColour } from '@/components/ui/tag';

/** Each review status in words, in lifecycle order; the type check fails if one is missing. */
const LABELS: Record<ReviewStatus, string> = {
  proposed: 'Proposed',
  scoping: 'Scoping',
  evidence_gathering: 'Evidence gathering',
  report_drafted: 'Report drafted',
  approved_by_committee: 'Approved by committee',
  decided_by_cabinet: 'Decided by Cabinet',
  action_plan_agreed: 'Action plan agreed',
  monitoring: 'Monitoring',
  signed_off: 'Signed off',
  withdrawn: 'Withdrawn',
};

/** The review lifecycle, in order, for the status filter and forms. */
export const REVIEW_STATUSES: readonly { value: ReviewStatus; label: string }[] = (
  Object.keys(LABELS) as ReviewStatus[]
).map((value) => ({ value, label: LABELS[value] }));

/** Every review status, in lifecycle order. */
export const REVIEW_STATUS_VALUES: readonly ReviewStatus[] = REVIEW_STATUSES.map((s) => s.value);

/**
 * The statuses a new review may be created in, in lifecycle order: not withdrawn, which a review
 * reaches only by a transition. The type check fails if the API forbids another.
 */
export const INITIAL_REVIEW_STATUSES: readonly { value: InitialReviewStatus; label: string }[] =
  REVIEW_STATUSES.flatMap((s) => (s.value === 'withdrawn' ? [] : [{ value: s.value, label: s.label }]));

export const INITIAL_REVIEW_STATUS_VALUES: readonly InitialReviewStatus[] = INITIAL_REVIEW_STATUSES.map(
  (s) => s.value,
);

export function statusColour(status: ReviewStatus): TagColour {
  switch (status) {
    case 'proposed':
    case 'scoping':
      return 'grey';
    case 'evidence_gathering':
    case 'report_drafted':
      return 'light-blue';
    case 'approved_by_committee':
    case 'decided_by_cabinet':
      return 'blue';
    case 'action_plan_agreed':
      return 'turquoise';
    case 'monitoring':
      return 'purple';
    case 'signed_off':
      return 'green';
    case 'withdrawn':
      return 'red';
  }
}
