// Open data's codes in plain words. The review statuses and types are the app's own words; the
// rest are read here, with anything unknown shown as the API wrote it.
import { oneOf } from '@/api/types';
import { callInStateLabel } from '@/features/decisions/components/call-in-summary';
import { REVIEW_TYPES } from '@/features/reviews/lib/review-types';
import { REVIEW_STATUSES } from '@/features/reviews/lib/statuses';
import { formatDate } from '@/lib/format';
import type { OpenGrade, OpenMilestone } from './decode';

function asWords(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Approved by committee", "Monitoring"…: where the review has got to. */
export function reviewStatusLabel(status: string): string {
  return REVIEW_STATUSES.find((s) => s.value === status)?.label ?? asWords(status);
}

/** "Task & Finish", "In-depth"… */
export function reviewTypeLabel(type: string): string {
  return REVIEW_TYPES.find((t) => t.value === type)?.label ?? asWords(type);
}

const RECOMMENDATION_STATUSES = ['open', 'closed'] as const;

/** "Open" or "Closed" (withdrawn recommendations are never published). */
export function recommendationStatusLabel(status: string): string {
  const known = oneOf(RECOMMENDATION_STATUSES, status);
  return known === 'closed' ? 'Closed' : known === 'open' ? 'Open' : asWords(status);
}

const ACTION_STATUSES = { open: 'In progress', complete: 'Complete' } as const;

/** "In progress" or "Complete". */
export function actionStatusLabel(status: string): string {
  return status in ACTION_STATUSES ? ACTION_STATUSES[status as keyof typeof ACTION_STATUSES] : asWords(status);
}

export { callInStateLabel };

/** "2 (On-Track)", as the committee's papers write a grade; the code alone when it has no label. */
export function gradeLabel(grade: OpenGrade): string {
  return grade.label ? `${grade.grade} (${grade.label})` : grade.grade;
}

/** A date the API gives as a day or a month: "14 October 2022", or "September 2022". */
export function partialDate(date: string | null, precision: string | null): string {
  if (!date) return '';
  return precision === 'month' ? formatDate(date.slice(0, 7)) : formatDate(date);
}

/** "September 2022 (Launch of the new system)", "No date (Training)". */
export function milestoneText(m: OpenMilestone): string {
  const when = m.due_on ? partialDate(m.due_on, m.precision) : 'No date';
  return m.label ? `${when} (${m.label})` : when;
}
