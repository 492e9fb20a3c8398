import type { AuditEvent, Verdict } from '@/api/types';
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

type Change = { field: string; now: string; long?: boolean };

/** What a change altered, field by field, as the form names the fields. */
export function responseChanges(event: AuditEvent): Change[] {
  const before = obj(event.before);
  const after = obj(event.after);
  if (!after) return [];
  const out: Change[] = [];
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

function details(event: AuditEvent): { key: string; value: string }[] {
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
  const rows = details(event).filter((r) => r.value);
  const changes = event.action === 'statutory_response.updated' ? responseChanges(event) : [];
  return (
    <li className="app-timeline__item">
      <h3 className="govuk-heading-s app-timeline__title">{title(event.action)}</h3>
      <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">
        {event.actor.kind === 'system' ? 'The system' : event.actor.name}, {formatInstant(event.occurred_at)}
      </p>
      {rows.length > 0 ? (
        <dl className="govuk-summary-list govuk-summary-list--no-border app-timeline__details">
          {rows.map((row) => (
            <div className="govuk-summary-list__row" key={row.key}>
              <dt className="govuk-summary-list__key">{row.key}</dt>
              <dd className="govuk-summary-list__value">{row.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {changes.length > 0 ? (
        <ul className="govuk-list app-timeline__changes">
          {changes.map((change) =>
            change.long ? (
              <li key={change.field}>
                <details className="govuk-details govuk-!-margin-bottom-1">
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">{change.field} changed</span>
                  </summary>
                  <div className="govuk-details__text app-pre-line">{change.now}</div>
                </details>
              </li>
            ) : (
              <li key={change.field}>
                {change.field}: <strong>{change.now}</strong>
              </li>
            ),
          )}
        </ul>
      ) : event.action === 'statutory_response.updated' ? (
        <p className="govuk-body-s">No visible change.</p>
      ) : null}
    </li>
  );
}

/** A response's history, newest first. */
export function ResponseHistory({ events }: { events: readonly AuditEvent[] }) {
  if (events.length === 0) return <p className="govuk-body">Nothing has happened to this response yet.</p>;
  return (
    <ol className="govuk-list app-timeline" aria-label="Changes to the response, newest first">
      {events.map((event) => (
        <Item event={event} key={event.id} />
      ))}
    </ol>
  );
}
