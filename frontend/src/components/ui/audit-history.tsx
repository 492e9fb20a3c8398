// A record's history as the API keeps it (audit events, newest first), in the page's words: what
// happened, who did it and when, and what each change changed. Each record says which events and
// fields it has (its "vocabulary"); a page of events comes with links to the next and first pages.
import type { AuditEvent } from '@/api/types';
import { formatInstant } from '@/lib/format';
import { Loading } from './loading';
import { NextPage } from './next-page';
import { QueryError } from './query-error';
import { Timeline } from './timeline';

export type Snapshot = Record<string, unknown>;

export function snapshotOf(value: unknown): Snapshot | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Snapshot) : null;
}

/** A value of a snapshot as text: strings and numbers as they are, yes/no for booleans. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return '';
}

export type HistoryField = {
  label: string;
  get: (snapshot: Snapshot) => string;
  /** Long text: its line breaks are kept. */
  long?: boolean;
};

/** A field read straight from the snapshot's `key`. */
export function plainField(key: string, label: string, long = false): HistoryField {
  return { label, get: (s) => textOf(s[key]), long };
}

export type HistoryVocabulary = {
  /** "review.created" → "Review started". */
  titles: Readonly<Record<string, string>>;
  fields: readonly HistoryField[];
  /** A title that needs the event's details, e.g. the holiday added; else the titles table. */
  title?: (event: AuditEvent) => string | null;
};

export type HistoryChange = { field: string; now: string; long: boolean };

/** What the event changed, field by field; a creation lists what was recorded. */
export function historyChanges(event: AuditEvent, fields: readonly HistoryField[]): HistoryChange[] {
  const before = snapshotOf(event.before);
  const after = snapshotOf(event.after);
  if (!after) return [];
  const out: HistoryChange[] = [];
  for (const f of fields) {
    const now = f.get(after);
    const was = before ? f.get(before) : '';
    if (now !== was && (before || now)) out.push({ field: f.label, now: now || '(blank)', long: Boolean(f.long) });
  }
  return out;
}

export function historyTitle(event: AuditEvent, vocabulary: HistoryVocabulary): string {
  return (
    vocabulary.title?.(event) ??
    vocabulary.titles[event.action] ??
    event.action.replace(/^[a-z_]+\./, '').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
  );
}

function who(event: AuditEvent): string {
  return event.actor.kind === 'system' ? 'The system' : event.actor.name;
}

type Props = {
  events: readonly AuditEvent[];
  /** The list's accessible name: "Changes to the review, newest first". */
  label: string;
  vocabulary: HistoryVocabulary;
};

/** Audit events, newest first: what happened, by whom and when, and what changed. */
export function AuditHistory({ events, label, vocabulary }: Props) {
  return (
    <Timeline label={label}>
      {events.map((event) => {
        const changes = historyChanges(event, vocabulary.fields);
        return (
          <li className="app-timeline__item" key={event.id}>
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{historyTitle(event, vocabulary)}</p>
            <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">
              {who(event)}, {formatInstant(event.occurred_at)}
            </p>
            {changes.length > 0 ? (
              <dl className="govuk-summary-list govuk-summary-list--no-border app-timeline__details">
                {changes.map((c) => (
                  <div className="govuk-summary-list__row" key={c.field}>
                    <dt className="govuk-summary-list__key">{c.field}</dt>
                    <dd className={`govuk-summary-list__value${c.long ? ' app-pre-line' : ''}`}>{c.now}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        );
      })}
    </Timeline>
  );
}

type PagedProps = Omit<Props, 'events'> & {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data?: { items: AuditEvent[]; next_cursor?: string | null } | undefined;
  };
  /** The page's cursor (from the address), and the address of another page (null: the first). */
  cursor: string | null;
  pageLink: (cursor: string | null) => string;
};

/** One page of a record's history, with links to the next page and back to the first. */
export function PagedAuditHistory({ query, cursor, pageLink, ...props }: PagedProps) {
  if (query.isPending) return <Loading label="Loading the history" />;
  if (query.isError || !query.data) return <QueryError error={query.error} what="the history" />;
  const { items, next_cursor } = query.data;
  return (
    <>
      {items.length === 0 ? (
        <p className="govuk-body">No changes have been recorded.</p>
      ) : (
        <AuditHistory events={items} {...props} />
      )}
      <NextPage next={next_cursor ? pageLink(next_cursor) : null} first={cursor ? pageLink(null) : null} />
    </>
  );
}

/** `base?key=cursor#anchor`, or `base#anchor` for the first page; other parameters kept. */
export function historyPageLink(base: string, search: URLSearchParams, key: string, anchor: string) {
  return (cursor: string | null) => {
    const params = new URLSearchParams(search);
    if (cursor) params.set(key, cursor);
    else params.delete(key);
    const s = params.toString();
    return `${base}${s ? `?${s}` : ''}#${anchor}`;
  };
}
