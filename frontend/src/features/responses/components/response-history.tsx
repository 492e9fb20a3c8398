import type { AuditEvent, Verdict } from '@/api/types';
import { Timeline, TimelineItem, type TimelineChange, type TimelineDetail } from '@/components/ui/timeline';
import { formatDate, formatInstant } from '@/lib/format';
import { VERDICTS } from '../lib/labels';

type Snapshot = Record<string, unknown>;

function obj(value: unknown): Snapshot | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Snapshot) : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

const TITLES: Record<string, string> = {
  'statutory_response.created': 'Recorded as awaited',
  'statutory_response.updated': 'Changed',
  'statutory_response.received': 'Received',
  'statutory_response.published': 'Published',
  'statutory_response.deleted': 'Removed',
};

function title(action: string): string {
  return TITLES[action] ?? action.replace(/^statutory_response\./, '').replace(/_/g, ' ');
}

function verdictLabel(value: unknown): string {
  const v = text(value) as Verdict;
  return VERDICTS[v]?.label ?? '';
}

/** What a change altered, field by field, as the form names the fields. */
export function responseChanges(event: AuditEvent): TimelineChange[] {
  const before = obj(event.before);
  const after = obj(event.after);
  if (!after) return [];
  const out: TimelineChange[] = [];
  const compare = (field: string, get: (s: Snapshot | null) => string, long = false) => {
    const now = get(after);
    if (get(before) !== now) out.push({ field, now: now || '(blank)', long });
  };
  compare("Responder's name", (s) => text(s?.responder_name));
  compare('Report received', (s) => formatDate(text(s?.report_received_on)));
  compare('Due', (s) => formatDate(text(s?.due_on)));
  compare('Summary', (s) => text(s?.summary), true);
  const items = (s: Snapshot | null) => (Array.isArray(s?.items) ? (s.items as unknown[]).map(obj) : []);
  const beforeItems = items(before);
  for (const item of items(after)) {
    if (!item) continue;
    const was = beforeItems.find((b) => b?.recommendation_id === item.recommendation_id) ?? null;
    const n = text(item.recommendation_number);
    const field = (what: string, get: (s: Snapshot | null) => string, long = false) => {
      const now = get(item);
      if (get(was) !== now) out.push({ field: `Recommendation ${n}, ${what}`, now: now || '(blank)', long });
    };
    field('response', (s) => verdictLabel(s?.verdict));
    field('reasons', (s) => text(s?.reasons), true);
    field('proposed action', (s) => text(s?.proposed_action), true);
  }
  return out;
}

function details(event: AuditEvent): TimelineDetail[] {
  const after = obj(event.after);
  switch (event.action) {
    case 'statutory_response.created':
      return [
        { key: 'Report received', value: formatDate(text(after?.report_received_on)) },
        { key: 'Due', value: formatDate(text(after?.due_on)) },
      ];
    case 'statutory_response.received':
      return [{ key: 'Received on', value: formatDate(text(after?.received_on)) }];
    case 'statutory_response.published':
      return [{ key: 'Published on', value: formatDate(text(after?.published_on)) }];
    default:
      return [];
  }
}

function Item({ event }: { event: AuditEvent }) {
  const updated = event.action === 'statutory_response.updated';
  return (
    <TimelineItem
      title={title(event.action)}
      heading="h3"
      who={event.actor.kind === 'system' ? 'The system' : event.actor.name}
      when={formatInstant(event.occurred_at)}
      details={details(event).filter((r) => r.value)}
      changes={updated ? responseChanges(event) : []}
      isChange={updated}
    />
  );
}

/** A response's history, newest first. */
export function ResponseHistory({ events }: { events: readonly AuditEvent[] }) {
  if (events.length === 0) return <p className="govuk-body">Nothing has happened to this response yet.</p>;
  return (
    <Timeline label="Changes to the response, newest first">
      {events.map((event) => (
        <Item event={event} key={event.id} />
      ))}
    </Timeline>
  );
}
