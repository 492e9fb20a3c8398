import type { AuditEvent } from '@/api/types';
import { formatInstant } from '@/lib/format';

type Snapshot = Record<string, unknown>;

function obj(value: unknown): Snapshot | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Snapshot) : null;
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

const TITLES: Record<string, string> = {
  'recommendation.created': 'Recommendation recorded',
  'recommendation.updated': 'Recommendation changed',
  'recommendation.withdrawn': 'Recommendation withdrawn',
  'recommendation.closed': 'Recommendation closed',
  'recommendation_part.created': 'Part added',
  'recommendation_part.updated': 'Part changed',
  'recommendation_part.withdrawn': 'Part withdrawn',
};

export function historyTitle(event: AuditEvent): string {
  const base = TITLES[event.action] ?? event.action.replace(/[._]/g, ' ');
  const label = str(obj(event.after)?.label) || str(obj(event.before)?.label);
  return event.action.startsWith('recommendation_part.') && label ? `${base}: ${label})` : base;
}

const FIELDS: [string, string][] = [
  ['number', 'Number'],
  ['label', 'Label'],
  ['text', 'Text'],
  ['position', 'Position'],
  ['status', 'Status'],
  ['withdrawn_reason', 'Reason for withdrawal'],
  ['closed_reason', 'Reason for closing'],
];

/** The fields a change changed, with their new values. */
export function historyChanges(event: AuditEvent): { field: string; now: string }[] {
  const before = obj(event.before);
  const after = obj(event.after);
  if (!after || !before) return [];
  return FIELDS.filter(([key]) => str(before[key]) !== str(after[key])).map(([key, field]) => ({
    field,
    now: str(after[key]) || '(blank)',
  }));
}

/** A recommendation's history, newest first. */
export function RecommendationHistory({ events }: { events: readonly AuditEvent[] }) {
  if (events.length === 0) return <p className="govuk-body">No changes have been recorded.</p>;
  return (
    <ol className="govuk-list app-timeline" aria-label="Changes, newest first">
      {events.map((event) => {
        const changes = historyChanges(event);
        return (
          <li className="app-timeline__item" key={event.id}>
            <h3 className="govuk-heading-s app-timeline__title">{historyTitle(event)}</h3>
            <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">
              {event.actor.name}, {formatInstant(event.occurred_at)}
            </p>
            {changes.length > 0 ? (
              <dl className="govuk-summary-list govuk-summary-list--no-border app-timeline__details">
                {changes.map((c) => (
                  <div className="govuk-summary-list__row" key={c.field}>
                    <dt className="govuk-summary-list__key">{c.field}</dt>
                    <dd className="govuk-summary-list__value app-pre-line">{c.now}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
