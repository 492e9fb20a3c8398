import type { AuditEvent } from '@/api/types';
import { formatInstant } from '@/lib/format';
import { changesOf, eventTitle } from '../lib/history';

/** Audit events, newest first: what happened, who did it and when, and what changed. */
export function HistoryList({ events, label }: { events: readonly AuditEvent[]; label: string }) {
  return (
    <ol className="govuk-list app-timeline" aria-label={label}>
      {events.map((event) => {
        const changes = changesOf(event);
        return (
          <li className="app-timeline__item" key={event.id}>
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{eventTitle(event)}</p>
            <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">
              {event.actor.name}, {formatInstant(event.occurred_at)}
            </p>
            {changes.length > 0 ? (
              <ul className="govuk-list govuk-body-s app-timeline__changes">
                {changes.map((c) => (
                  <li key={c.field} className={c.long ? 'app-pre-line' : undefined}>
                    {c.field}: <strong>{c.now}</strong>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
