// One step of a record's history on a timeline: what happened, who did it and when, its details
// (a summary list) and what it changed, field by field; long new values are folded in a <details>.
// Each history says which steps it has and what they show; this only lays them out.
import type { ReactNode } from 'react';

export type TimelineDetail = {
  key: string;
  value: string;
  /** Long text: its line breaks are kept. */
  long?: boolean;
};

export type TimelineChange = { field: string; now: string; long?: boolean };

type ItemProps = {
  title: string;
  /** The title's heading level, as the page's outline needs it. */
  heading: 'h2' | 'h3';
  /** Who did it, and when, as the reader should see them. */
  who: string;
  when: string;
  details?: readonly TimelineDetail[];
  changes?: readonly TimelineChange[];
  /** A change of content: when it changed nothing visible, say so. */
  isChange?: boolean;
};

/** One step of a history: title, "who, when", its details and what it changed. */
export function TimelineItem({
  title,
  heading: Heading,
  who,
  when,
  details = [],
  changes = [],
  isChange = false,
}: ItemProps) {
  return (
    <li className="app-timeline__item">
      <Heading className="govuk-heading-s app-timeline__title">{title}</Heading>
      <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">
        {who}, {when}
      </p>
      {details.length > 0 ? (
        <dl className="govuk-summary-list govuk-summary-list--no-border app-timeline__details">
          {details.map((row) => (
            <div className="govuk-summary-list__row" key={row.key}>
              <dt className="govuk-summary-list__key">{row.key}</dt>
              <dd className={`govuk-summary-list__value${row.long ? ' app-pre-line' : ''}`}>{row.value}</dd>
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
      ) : isChange ? (
        <p className="govuk-body-s">No visible change.</p>
      ) : null}
    </li>
  );
}

/** A history's steps, newest first, as one list with an accessible name. */
export function Timeline({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ol className="govuk-list app-timeline" aria-label={label}>
      {children}
    </ol>
  );
}
