import { ApiError } from '@/api/problem';
import type { AuditEvent, Decision } from '@/api/types';
import { Loading } from '@/components/ui/loading';
import { formatDate, formatInstant, formatLocalDateTime } from '@/lib/format';
import { useDecisionHistory } from '../api/get-decision-history';
import { callInStateLabel } from './call-in-summary';

type Snapshot = Record<string, unknown>;

function obj(value: unknown): Snapshot | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Snapshot) : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function callInOf(snapshot: unknown): Snapshot | null {
  return obj(obj(snapshot)?.call_in);
}

export type TimelineEntry = {
  key: string;
  /** For the order: an instant. */
  at: number;
  title: string;
  /** Who and when, or when alone. */
  meta: string;
  note?: string;
};

function who(event: AuditEvent): string {
  return event.actor.kind === 'system' ? 'the system' : event.actor.name;
}

/** Midnight UTC of a day, to place a day among instants. */
function dayAt(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getTime();
}

/**
 * The call-in's story, oldest first: the decision made and published (the days the record gives),
 * the deadline, and from the decision's history its recording in the service and each call-in
 * move or recomputed deadline, with who made it and their note.
 */
export function callInTimeline(decision: Decision, events: readonly AuditEvent[], now: number = Date.now()): TimelineEntry[] {
  const out: TimelineEntry[] = [
    { key: 'meeting', at: dayAt(decision.meeting_date), title: `Decided by ${decision.body}`, meta: formatDate(decision.meeting_date) },
  ];
  if (decision.published_on) {
    out.push({
      key: 'published',
      at: dayAt(decision.published_on),
      title: 'Published: the call-in period started',
      meta: formatDate(decision.published_on),
    });
  }
  const deadline = decision.call_in.computed_deadline;
  if (deadline && decision.call_in.computed_deadline_local) {
    const at = new Date(deadline).getTime();
    const zone = decision.call_in.time_zone === 'Europe/London' ? 'UK time' : decision.call_in.time_zone;
    out.push({
      key: 'deadline',
      at,
      title: at <= now ? 'Call-in period ended' : 'Call-in period ends',
      meta: `${formatLocalDateTime(decision.call_in.computed_deadline_local)} (${zone})`,
    });
  }
  // The API gives the newest first: oldest first, events of one instant keep the order they happened in.
  for (const event of [...events].reverse()) {
    const at = new Date(event.occurred_at).getTime();
    const meta = `${formatInstant(event.occurred_at)}, by ${who(event)}`;
    if (event.action === 'decision.created') {
      out.push({ key: event.id, at, title: 'Recorded in the service', meta });
    } else if (event.action === 'decision.call_in_changed') {
      const from = text(callInOf(event.before)?.state);
      const to = text(callInOf(event.after)?.state);
      const note = text(callInOf(event.after)?.note);
      out.push({
        key: event.id,
        at,
        title: from
          ? `From ${callInStateLabel(from).toLowerCase()} to ${callInStateLabel(to).toLowerCase()}`
          : callInStateLabel(to),
        meta,
        note: note || undefined,
      });
    } else if (event.action === 'decision.deadline_recomputed') {
      const local = text(callInOf(event.after)?.computed_deadline_local);
      out.push({
        key: event.id,
        at,
        title: 'Call-in deadline recomputed',
        meta,
        note: local ? `Now ${formatLocalDateTime(local)}.` : undefined,
      });
    }
  }
  // A stable sort: the day's events keep the order above.
  return out.sort((a, b) => a.at - b.at);
}

/** The call-in's story, oldest first: the decision's recording, each move (by whom, with its note) and the deadline. */
export function CallInTimeline({ decision, headingLevel = 4 }: { decision: Decision; headingLevel?: 2 | 3 | 4 }) {
  const history = useDecisionHistory(decision.id);
  const headingId = `call-in-timeline-${decision.id}`;
  const Heading = `h${headingLevel}` as const;
  if (history.isPending) return <Loading label="Loading the call-in timeline" />;
  if (history.isError) {
    // Someone who may not see the decision's history sees its current state above.
    if (history.error instanceof ApiError && [403, 404].includes(history.error.status)) return null;
    return <p className="govuk-body app-secondary-text">The call-in timeline could not be loaded.</p>;
  }
  const entries = callInTimeline(decision, history.data.items);
  if (entries.length === 0) return null;
  return (
    <div className="app-call-in-timeline">
      <Heading className={headingLevel === 2 ? 'govuk-heading-m' : 'govuk-heading-s'} id={headingId}>
        Call-in timeline
      </Heading>
      <ol className="govuk-list app-timeline" aria-labelledby={headingId}>
        {entries.map((entry) => (
          <li className="app-timeline__item app-timeline__item--compact" key={entry.key}>
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{entry.title}</p>
            <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-1">{entry.meta}</p>
            {entry.note ? <p className="govuk-body-s app-pre-line govuk-!-margin-bottom-0">{entry.note}</p> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
