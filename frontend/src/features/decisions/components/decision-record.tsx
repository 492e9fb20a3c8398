import type { Decision } from '@/api/types';
import { Link } from '@/components/ui/link';
import { SummaryList } from '@/components/ui/summary-list';
import { DecisionRecordDownloads } from '@/features/documents/components/paper-downloads';
import { formatDate } from '@/lib/format';
import { CallInDeadline, CallInState, ImplementableTag } from './call-in-summary';
import { CallInTimeline } from './call-in-timeline';

/** Text as the document wrote it, line breaks kept; null when there is none. */
function text(value: string | null | undefined) {
  return value ? <span className="app-pre-line">{value}</span> : null;
}

/** "Cabinet decision, 20 January 2022". */
export function decisionName(decision: Decision): string {
  return `${decision.body} decision, ${formatDate(decision.meeting_date)}`;
}

type Props = {
  decision: Decision;
  /** On the decision's own page, under its h1 "Cabinet decision, …" (no heading of its own, no link to itself). */
  standalone?: boolean;
};

/** One Cabinet decision record, as published. */
export function DecisionRecord({ decision, standalone = false }: Props) {
  const headingId = `decision-${decision.id}`;
  // Under the page's h1 on its own page; under the review's h2 "Cabinet decision" and this h3 there.
  const Sub = standalone ? 'h2' : 'h4';
  return (
    // On its own page the decision is the page: no landmark of its own.
    <section className="app-decision" aria-labelledby={standalone ? undefined : headingId}>
      {standalone ? null : (
        <h3 className="govuk-heading-m" id={headingId}>
          {decisionName(decision)}
        </h3>
      )}
      <p className="govuk-body-l">{decision.item_title}</p>
      <SummaryList
        rows={[
          { key: 'Decided by', value: decision.body },
          { key: 'Meeting date', value: formatDate(decision.meeting_date) },
          { key: 'Reference', value: decision.reference },
          { key: 'Key decision', value: decision.key_decision ? 'Yes' : 'No' },
          { key: 'Published', value: decision.published_on ? formatDate(decision.published_on) : 'Not yet' },
          { key: 'Call-in deadline', value: <CallInDeadline callIn={decision.call_in} /> },
          {
            key: 'Call-in',
            value: (
              <>
                <CallInState callIn={decision.call_in} /> <ImplementableTag callIn={decision.call_in} />
                {decision.call_in.note ? <p className="govuk-body-s govuk-!-margin-top-2">{decision.call_in.note}</p> : null}
              </>
            ),
          },
        ]}
      />
      <CallInTimeline decision={decision} headingLevel={standalone ? 2 : 4} />
      {decision.decision_text ? <p className="govuk-body app-pre-line">{decision.decision_text}</p> : null}
      {decision.resolutions.length > 0 ? (
        <>
          <Sub className={standalone ? 'govuk-heading-m' : 'govuk-heading-s'}>Resolved</Sub>
          <ol className="govuk-list app-resolutions">
            {decision.resolutions.map((r) => (
              <li key={r.id}>
                <span className="app-parts__label">{r.number})</span>
                {/* Blank on a resolution made only of its parts: nothing to show before them. */}
                {r.text.trim() ? (
                  <>
                    {' '}
                    {text(r.text)}
                  </>
                ) : null}
                {r.parts.length > 0 ? (
                  <ol className="govuk-list app-parts">
                    {r.parts.map((p) => (
                      <li key={p.id} className="app-parts__item">
                        <span className="app-parts__label">{p.label})</span> {p.text}
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Reasons, alternatives and declarations</span>
        </summary>
        <div className="govuk-details__text">
          <SummaryList
            rows={[
              { key: 'Reasons for the decision', value: text(decision.reasons) },
              { key: 'Alternative options considered and rejected', value: text(decision.alternatives) },
              { key: 'Conflicts of interest', value: text(decision.conflicts) },
              { key: 'Dispensations', value: text(decision.dispensations) },
            ]}
          />
        </div>
      </details>
      <DecisionRecordDownloads decisionId={decision.id} headingLevel={standalone ? 2 : 4} />
      {standalone ? null : (
        <p className="govuk-body">
          <Link to={`/decisions/${decision.id}`}>
            See every change to the decision{' '}<span className="govuk-visually-hidden">of {formatDate(decision.meeting_date)}</span>
          </Link>
        </p>
      )}
    </section>
  );
}
