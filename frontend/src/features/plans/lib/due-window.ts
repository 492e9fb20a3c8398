// The windows of the milestones list: what is overdue, and what falls due in the next days, from
// today in the UK (the councils' time zone), whatever the browser's clock is set to.
import type { ActionsQuery } from '../api/keys';

export type DueWindow = 'soon' | 'overdue' | '30' | '90' | 'all';

export const DUE_WINDOWS: readonly { value: DueWindow; label: string }[] = [
  { value: 'soon', label: 'Overdue or due in the next 90 days' },
  { value: 'overdue', label: 'Overdue' },
  { value: '30', label: 'Due in the next 30 days' },
  { value: '90', label: 'Due in the next 90 days' },
  { value: 'all', label: 'Every open action' },
];

export function dueWindow(raw: string | null): DueWindow {
  return DUE_WINDOWS.find((w) => w.value === raw)?.value ?? 'soon';
}

/** Today as yyyy-mm-dd in the UK. */
export function todayInUk(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `iso` (yyyy-mm-dd) plus `days`. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d! + days));
  return date.toISOString().slice(0, 10);
}

/** The filters of the API for a window, from `today`. */
export function windowQuery(window: DueWindow, today: string): Partial<ActionsQuery> {
  switch (window) {
    case 'overdue':
      return { overdue: true };
    case '30':
      return { due_from: today, due_to: addDays(today, 30) };
    case '90':
      return { due_from: today, due_to: addDays(today, 90) };
    case 'soon':
      return { due_to: addDays(today, 90) };
    default:
      return {};
  }
}
