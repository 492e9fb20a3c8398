import type { TagColour } from '@/components/ui/tag';

/**
 * The review lifecycle, in order, for the status filter. The API gives each review's
 * `status_label`; the list of every status is not in the OpenAPI document (the field is a
 * string), so it is kept here, in the API's order and words.
 */
export const REVIEW_STATUSES = [
  { value: 'proposed', label: 'Proposed' },
  { value: 'scoping', label: 'Scoping' },
  { value: 'evidence_gathering', label: 'Evidence gathering' },
  { value: 'report_drafted', label: 'Report drafted' },
  { value: 'approved_by_committee', label: 'Approved by committee' },
  { value: 'decided_by_cabinet', label: 'Decided by Cabinet' },
  { value: 'action_plan_agreed', label: 'Action plan agreed' },
  { value: 'monitoring', label: 'Monitoring' },
  { value: 'signed_off', label: 'Signed off' },
  { value: 'withdrawn', label: 'Withdrawn' },
] as const;

export function statusColour(status: string): TagColour {
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
    default:
      return 'grey';
  }
}
