import type { AuditEvent } from '@/api/types';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The fields an event changed, with their values before and after. */
export function changesOf(event: AuditEvent): { field: string; before: string; after: string }[] {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !['version', 'updated_at', 'created_at'].includes(k),
  );
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ field: k.replace(/_/g, ' '), before: event.before ? show(before[k]) : '', after: show(after[k]) }));
}

/** What an event changed, as a short list; a creation lists what was recorded. */
export function AuditChanges({ event }: { event: AuditEvent }) {
  const changes = changesOf(event);
  if (changes.length === 0) return <>No field changed</>;
  return (
    <details className="govuk-details govuk-!-margin-bottom-0">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          {changes.length === 1 ? changes[0]!.field : `${changes.length} fields`}
        </span>
      </summary>
      <div className="govuk-details__text">
        <dl className="govuk-summary-list govuk-summary-list--no-border">
          {changes.map((c) => (
            <div className="govuk-summary-list__row" key={c.field}>
              <dt className="govuk-summary-list__key">{c.field}</dt>
              <dd className="govuk-summary-list__value app-admin-secret">
                {event.before ? (
                  <>
                    <span className="govuk-visually-hidden">from </span>
                    <del>{c.before}</del> <span aria-hidden="true">→</span>
                    <span className="govuk-visually-hidden"> to </span> {c.after}
                  </>
                ) : (
                  c.after
                )}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}
