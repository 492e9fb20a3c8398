// Audit events of a plan or an action, in the words of the page.
import type { AuditEvent } from '@/api/types';

type Snapshot = Record<string, unknown>;

function obj(value: unknown): Snapshot | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Snapshot) : null;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function list(value: unknown, item: (v: unknown) => string): string {
  return Array.isArray(value) ? value.map(item).filter(Boolean).join('\n') : '';
}

const STATUS_WORDS: Record<string, string> = {
  draft: 'Draft',
  agreed: 'Agreed',
  signed_off: 'Signed off',
  open: 'Open',
  complete: 'Complete',
  withdrawn: 'Withdrawn',
};

const TITLES: Record<string, string> = {
  'action_plan.created': 'Plan started',
  'action_plan.updated': 'Plan details changed',
  'action_plan.amended': 'Plan amended',
  'action_plan.signed_off': 'Plan signed off',
  'action.created': 'Action added',
  'action.updated': 'Action changed',
  'action.withdrawn': 'Action withdrawn',
  'action.completed': 'Action marked complete',
};

export function eventTitle(event: AuditEvent): string {
  return TITLES[event.action] ?? event.action.replace(/^[a-z_]+\./, '').replace(/_/g, ' ');
}

function ownersOf(s: Snapshot | null): string {
  const written = text(s?.responsibility_text);
  if (written) return written;
  if (s?.responsible_all === true) return 'All';
  return list(s?.owners, (o) => text(obj(o)?.contact_name) || text(obj(o)?.organisation_name)).replace(/\n/g, ', ');
}

type Field = { label: string; get: (s: Snapshot | null) => string; long?: boolean };

const PLAN_FIELDS: Field[] = [
  { label: 'Title', get: (s) => text(s?.title) },
  { label: 'Status', get: (s) => STATUS_WORDS[text(s?.status)] ?? text(s?.status) },
  { label: 'Date agreed', get: (s) => text(s?.agreed_on_display) || text(s?.agreed_on) },
  { label: 'Signed off because', get: (s) => text(s?.signed_off_reason), long: true },
];

const ACTION_FIELDS: Field[] = [
  { label: 'Recommendation', get: (s) => `${text(s?.recommendation_number)}${text(s?.part_label)}` },
  { label: 'Agreed action', get: (s) => text(s?.proposed_actions), long: true },
  { label: 'Success measures', get: (s) => list(s?.success_measures, text), long: true },
  { label: 'Responsibility', get: ownersOf },
  { label: 'Target dates', get: (s) => list(s?.milestones, (m) => text(obj(m)?.text)).replace(/\n/g, '; ') },
  { label: 'Status', get: (s) => STATUS_WORDS[text(s?.status)] ?? text(s?.status) },
  { label: 'Progress notes', get: (s) => text(s?.status_notes), long: true },
  { label: 'Withdrawn because', get: (s) => text(s?.withdrawn_reason), long: true },
];

export type Change = { field: string; now: string; long: boolean };

/** What the event changed, field by field; a creation lists what was given. */
export function changesOf(event: AuditEvent): Change[] {
  const before = obj(event.before);
  const after = obj(event.after);
  if (!after) return [];
  if (event.action === 'action_plan.amended') {
    const reason = text(after.reason);
    const number = text(after.number);
    return [
      ...(number ? [{ field: 'Amendment', now: number, long: false }] : []),
      ...(reason ? [{ field: 'Reason', now: reason, long: false }] : []),
    ];
  }
  const fields = event.entity_type === 'action' ? ACTION_FIELDS : PLAN_FIELDS;
  const out: Change[] = [];
  for (const f of fields) {
    const now = f.get(after);
    if (f.get(before) !== now && (before || now)) out.push({ field: f.label, now: now || '(blank)', long: Boolean(f.long) });
  }
  return out;
}
