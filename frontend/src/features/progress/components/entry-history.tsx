import type { AuditEvent } from '@/api/types';
import { Timeline, TimelineItem, type TimelineChange } from '@/components/ui/timeline';
import { formatDate, formatInstant } from '@/lib/format';

type Snapshot = Record<string, unknown>;

function obj(value: unknown): Snapshot | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Snapshot) : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function gradeOf(snapshot: Snapshot | null, which: 'proposed' | 'officer' | 'accepted'): string {
  const grade = obj(obj(snapshot?.grades)?.[which]);
  return text(grade?.display);
}

const STEP_TITLES: Record<string, string> = {
  'progress_entry.created': 'Asked for in the round',
  'progress_entry.updated': 'Draft changed',
  'progress_entry.submitted': 'Submitted to the council',
  'progress_entry.resubmitted': 'Resubmitted to the council',
  'progress_entry.returned': 'Returned with comments',
  'progress_entry.validated': 'Validated by the council',
  'progress_entry.accepted': 'Accepted by the committee',
  'progress_entry.removed': 'Removed from the round',
};

function title(action: string): string {
  return STEP_TITLES[action] ?? action.replace(/^progress_entry\./, '').replace(/_/g, ' ');
}

/** What a change of content changed, field by field, as the user sees the fields. */
export function changesOf(event: AuditEvent): TimelineChange[] {
  const before = obj(event.before);
  const after = obj(event.after);
  if (!after) return [];
  const out: TimelineChange[] = [];
  const compare = (field: string, get: (s: Snapshot | null) => string, long = false) => {
    const now = get(after);
    if (get(before) !== now) out.push({ field, now: now || '(blank)', long });
  };
  compare('Evidence of progress', (s) => text(s?.progress), true);
  compare('Proposed grade', (s) => gradeOf(s, 'proposed'));
  compare('Explanation of the grade', (s) => text(s?.proposed_explanation), true);
  compare('Evidence of impact', (s) => text(s?.impact_text), true);
  compare('Key figures', (s) =>
    Array.isArray(s?.key_figures)
      ? (s.key_figures as unknown[])
          .map((f) => {
            const fig = obj(f);
            return fig ? `${text(fig.label)}: ${text(fig.value)}${fig.unit ? ` ${text(fig.unit)}` : ''}` : '';
          })
          .join('; ')
      : '',
  );
  compare('Reported by', (s) => text(obj(s?.organisation)?.name));
  return out;
}

/** The details of a workflow step: comments, grade, meeting, minute. */
function stepDetails(event: AuditEvent): { key: string; value: string }[] {
  const after = obj(event.after);
  const step = obj(after?.step);
  const rows: { key: string; value: string }[] = [];
  switch (event.action) {
    case 'progress_entry.submitted':
    case 'progress_entry.resubmitted': {
      const grade = gradeOf(after, 'proposed');
      if (grade) rows.push({ key: 'Proposed grade', value: grade });
      break;
    }
    case 'progress_entry.returned':
      rows.push({ key: 'Comments', value: text(step?.comments) || text(after?.return_comments) });
      break;
    case 'progress_entry.validated': {
      rows.push({ key: "Officer's grade", value: gradeOf(after, 'officer') || text(step?.grade) });
      const reason = text(after?.officer_reason);
      if (reason) rows.push({ key: 'Reason', value: reason });
      break;
    }
    case 'progress_entry.accepted': {
      rows.push({ key: 'Accepted grade', value: gradeOf(after, 'accepted') || text(step?.grade) });
      const meeting = text(step?.meeting_date) || text(after?.accepted_meeting_date);
      if (meeting) rows.push({ key: 'Committee meeting', value: formatDate(meeting) });
      const minute = text(step?.minute_reference) || text(after?.minute_reference);
      if (minute) rows.push({ key: 'Minute reference', value: minute });
      break;
    }
    default:
      break;
  }
  return rows.filter((r) => r.value);
}

/** Consecutive saves of a draft by one person read as one change, as the user made it. */
export type HistoryItem = { first: AuditEvent; last: AuditEvent; count: number };

export function groupHistory(events: readonly AuditEvent[]): HistoryItem[] {
  const out: HistoryItem[] = [];
  for (const event of events) {
    const previous = out.at(-1);
    if (
      previous &&
      event.action === 'progress_entry.updated' &&
      previous.first.action === 'progress_entry.updated' &&
      previous.first.actor.name === event.actor.name
    ) {
      // Newest first: the earlier event's `before` is where the group started.
      previous.last = event;
      previous.count += 1;
    } else {
      out.push({ first: event, last: event, count: 1 });
    }
  }
  return out;
}

function ItemView({ item }: { item: HistoryItem }) {
  const { first, last, count } = item;
  const merged: AuditEvent = { ...first, before: last.before };
  const updated = first.action === 'progress_entry.updated';
  const when =
    count > 1
      ? `${formatInstant(last.occurred_at)} to ${formatInstant(first.occurred_at)} (${count} saves)`
      : formatInstant(first.occurred_at);
  return (
    <TimelineItem
      title={title(first.action)}
      heading="h2"
      who={first.actor.name}
      when={when}
      details={stepDetails(first).map((row) => ({ ...row, long: true }))}
      changes={updated ? changesOf(merged) : []}
      isChange={updated}
    />
  );
}

/** An entry's history, newest first. */
export function EntryHistory({ events }: { events: readonly AuditEvent[] }) {
  if (events.length === 0) return <p className="govuk-body">Nothing has happened to this update yet.</p>;
  return (
    <Timeline label="Changes, newest first">
      {groupHistory(events).map((item) => (
        <ItemView item={item} key={item.first.id} />
      ))}
    </Timeline>
  );
}
