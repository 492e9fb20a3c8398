import type { StatutoryResponse } from '@/api/types';
import { Link } from '@/components/ui/link';
import { SummaryList } from '@/components/ui/summary-list';
import { RecommendationRefText } from '@/features/recommendations/components/recommendation-ref-text';
import { formatDate } from '@/lib/format';
import { RESPONDER_KINDS } from '../lib/labels';
import { ResponseStateTag, VerdictTag } from './response-state-tag';

/** Who responds, to which report, and the days that matter: received, due, received back, published. */
export function ResponseSummary({ response }: { response: StatutoryResponse }) {
  return (
    <SummaryList
      rows={[
        { key: 'Review', value: <Link to={`/reviews/${response.review_id}#responses`}>{response.review_title}</Link> },
        { key: 'Responder', value: response.responder_name },
        {
          key: 'Kind',
          value:
            response.responder_kind === 'partner'
              ? `${RESPONDER_KINDS.partner} (${response.organisation_name})`
              : RESPONDER_KINDS.executive,
        },
        { key: 'Report received', value: formatDate(response.report_received_on) },
        { key: 'Due', value: formatDate(response.due_on) },
        { key: 'State', value: <ResponseStateTag response={response} /> },
        { key: 'Received', value: response.received_on ? formatDate(response.received_on) : 'Not yet' },
        { key: 'Published', value: response.published_on ? formatDate(response.published_on) : 'Not yet' },
      ]}
    />
  );
}

function text(value: string | null | undefined) {
  return value ? <span className="app-pre-line">{value}</span> : null;
}

/** The response as written: its summary and the answer to each recommendation. */
export function ResponseAnswers({ response }: { response: StatutoryResponse }) {
  return (
    <>
      <h2 className="govuk-heading-m">Summary</h2>
      {response.summary ? (
        <p className="govuk-body app-pre-line">{response.summary}</p>
      ) : (
        <p className="govuk-body app-secondary-text">No summary given.</p>
      )}
      <h2 className="govuk-heading-m">Response to each recommendation</h2>
      {response.items.map((item) => (
        <section className="app-block" key={item.recommendation_id} aria-labelledby={`answer-${item.recommendation_id}`}>
          <h3 className="govuk-heading-s" id={`answer-${item.recommendation_id}`}>
            Recommendation {item.recommendation_number}
          </h3>
          <RecommendationRefText recommendation={{ id: item.recommendation_id, text: item.recommendation_text }} />
          <SummaryList
            rows={[
              { key: 'Response', value: <VerdictTag verdict={item.verdict} /> },
              { key: 'Reasons', value: text(item.reasons) },
              { key: 'Proposed action', value: text(item.proposed_action) },
            ]}
          />
        </section>
      ))}
    </>
  );
}
