// One published review, for residents and anyone else, signed in or not: what the committee
// recommended and how far each recommendation has got, what Cabinet decided, and the action plan
// agreed (who is responsible, and the milestones).
import { Link } from 'react-router';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { hasLeadIn } from '@/features/recommendations/lib/text';
import { formatDate, formatInstant } from '@/lib/format';
import type { OpenAction, OpenActionPlan, OpenDecision, OpenPart, OpenRecommendation, OpenReview } from '../lib/decode';
import {
  actionStatusLabel,
  callInStateLabel,
  gradeLabel,
  milestoneText,
  partialDate,
  recommendationStatusLabel,
  reviewStatusLabel,
  reviewTypeLabel,
} from '../lib/labels';
import { OpenDataDownload } from './open-data-download';
import { publicPath } from './public-reviews';

function Parts({ parts, label }: { parts: readonly OpenPart[]; label: string }) {
  if (parts.length === 0) return null;
  return (
    <ol className="govuk-list app-parts" aria-label={label}>
      {parts.map((p) => (
        <li key={p.label} className="app-parts__item">
          <span className="app-parts__label">{p.label})</span> {p.text}
        </li>
      ))}
    </ol>
  );
}

function Progress({ recommendation: r }: { recommendation: OpenRecommendation }) {
  const g = r.latest_accepted_grade;
  if (!g) {
    return <p className="govuk-body">The committee has not yet judged its progress.</p>;
  }
  const when = [g.meeting_date ? `on ${formatDate(g.meeting_date)}` : null, g.round ? `in the ${g.round} progress update` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <p className="govuk-body">
      Progress: <strong className="govuk-!-font-weight-bold">{gradeLabel(g)}</strong>
      {when ? `, as the committee judged it ${when}` : ', as the committee last judged it'}.
    </p>
  );
}

function Recommendations({ recommendations }: { recommendations: readonly OpenRecommendation[] }) {
  if (recommendations.length === 0) {
    return <p className="govuk-body">This review has no published recommendations.</p>;
  }
  return (
    <ol className="govuk-list app-recommendations">
      {recommendations.map((r) => (
        <li key={r.id} id={`recommendation-${r.number}`}>
          <h3 className="govuk-heading-m">
            Recommendation {r.number}
            {r.status === 'closed' ? (
              <>
                {' '}
                <Tag colour="green">{recommendationStatusLabel(r.status)}</Tag>
              </>
            ) : null}
          </h3>
          {hasLeadIn(r) ? <p className="govuk-body app-pre-line">{r.text}</p> : null}
          <Parts parts={r.parts} label={`Parts of recommendation ${r.number}`} />
          <Progress recommendation={r} />
        </li>
      ))}
    </ol>
  );
}

function Decision({ decision: d }: { decision: OpenDecision }) {
  const heading = [d.body, d.meeting_date ? formatDate(d.meeting_date) : null].filter(Boolean).join(', ');
  return (
    <section className="app-decision" aria-labelledby={`decision-${d.id}`}>
      <h3 className="govuk-heading-m" id={`decision-${d.id}`}>
        {heading}
        {d.item_title ? <span className="govuk-caption-m">{d.item_title}</span> : null}
      </h3>
      {d.decision_text ? <p className="govuk-body app-pre-line">{d.decision_text}</p> : null}
      {d.resolutions.length > 0 ? (
        <>
          <h4 className="govuk-heading-s">What was resolved</h4>
          <ol className="govuk-list app-resolutions">
            {d.resolutions.map((res) => (
              <li key={res.number}>
                <span className="govuk-!-font-weight-bold">{res.number})</span>
                {/* Blank on a resolution made only of its parts: nothing to show before them. */}
                {res.text.trim() ? (
                  <>
                    {' '}
                    <span className="app-pre-line">{res.text}</span>
                  </>
                ) : null}
                <Parts parts={res.parts} label={`Parts of resolution ${res.number}`} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <SummaryList
        rows={[
          { key: 'Reasons', value: d.reasons ? <span className="app-pre-line">{d.reasons}</span> : null },
          {
            key: 'Other options considered',
            value: d.alternatives ? <span className="app-pre-line">{d.alternatives}</span> : null,
          },
          { key: 'Reference', value: d.reference },
          { key: 'Published', value: d.published_on ? formatDate(d.published_on) : null },
          {
            key: 'Call-in',
            value: d.call_in_state
              ? `${callInStateLabel(d.call_in_state)}${
                  d.call_in_state === 'open' && d.call_in_deadline ? `, until ${formatInstant(d.call_in_deadline)}` : ''
                }`
              : null,
          },
        ]}
      />
    </section>
  );
}

function Decisions({ decisions }: { decisions: readonly OpenDecision[] }) {
  if (decisions.length === 0) {
    return <p className="govuk-body">The council&apos;s Cabinet has not yet published a decision on this review.</p>;
  }
  return (
    <>
      {decisions.map((d) => (
        <Decision key={d.id} decision={d} />
      ))}
    </>
  );
}

function ActionRow({ action: a }: { action: OpenAction }) {
  return (
    <tr className="govuk-table__row">
      <td className="govuk-table__cell" data-label="Recommendation">
        {a.recommendation_number}
      </td>
      <td className="govuk-table__cell" data-label="Action">
        <span className="app-pre-line">{a.proposed_actions}</span>
        <span className="govuk-!-font-weight-bold app-block govuk-!-margin-top-2">How success is measured:</span>
        {a.success_measures.length > 0 ? (
          <ul className="govuk-list govuk-list--bullet app-cell-list">
            {a.success_measures.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ) : (
          <span className="app-secondary-text app-block">None given</span>
        )}
      </td>
      <td className="govuk-table__cell" data-label="Responsible">
        {a.responsible.length === 0 ? (
          <span className="app-secondary-text">Not given</span>
        ) : (
          <ul className="govuk-list app-cell-list">
            {a.responsible.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        )}
      </td>
      <td className="govuk-table__cell" data-label="Milestones">
        {a.milestones.length === 0 ? (
          <span className="app-secondary-text">None</span>
        ) : (
          <ul className="govuk-list app-cell-list">
            {a.milestones.map((m, i) => (
              <li key={i}>
                {milestoneText(m)}
                {m.met ? (
                  <>
                    {' '}
                    <Tag colour="green">Met</Tag>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="govuk-table__cell" data-label="Status">
        {actionStatusLabel(a.status)}
      </td>
    </tr>
  );
}

function ActionPlan({ plan }: { plan: OpenActionPlan | null }) {
  if (!plan) return <p className="govuk-body">No action plan has been agreed yet.</p>;
  const agreed = plan.agreed_on ? partialDate(plan.agreed_on, plan.agreed_on_precision) : null;
  return (
    <>
      {plan.title ? <p className="govuk-body govuk-!-font-weight-bold">{plan.title}</p> : null}
      <p className="govuk-body">
        {agreed
          ? `The plan was agreed ${plan.agreed_on_precision === 'month' ? 'in' : 'on'} ${agreed}.`
          : 'The plan has been agreed.'}
        {plan.status === 'signed_off' ? ' The committee has since signed it off: its work is done.' : ''}
      </p>
      {plan.actions.length === 0 ? (
        <p className="govuk-body">The plan has no actions.</p>
      ) : (
        <table className="govuk-table app-table--responsive app-action-plan">
          <caption className="govuk-table__caption govuk-table__caption--m">Actions agreed in the plan</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header app-action-plan__number">
                Recommendation
              </th>
              <th scope="col" className="govuk-table__header">
                Action
              </th>
              <th scope="col" className="govuk-table__header">
                Responsible
              </th>
              <th scope="col" className="govuk-table__header">
                Milestones
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {plan.actions.map((a, i) => (
              <ActionRow key={i} action={a} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The review: its details, recommendations and progress, decisions, action plan and data. */
export function PublicReview({ review }: { review: OpenReview }) {
  const graded = review.recommendations.filter((r) => r.latest_accepted_grade).length;
  return (
    <>
      <PageTitle title={review.title} />
      <Link to={publicPath()} className="govuk-back-link">
        Published scrutiny reviews
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">
            <span className="govuk-caption-l">{review.council_name}</span>
            {review.title}
          </h1>
          <SummaryList
            rows={[
              { key: 'Council', value: review.council_name },
              { key: 'Committee', value: review.committee },
              { key: 'Type of review', value: reviewTypeLabel(review.review_type) },
              { key: 'Work programme year', value: review.work_programme_year },
              { key: 'Where it has got to', value: reviewStatusLabel(review.status) },
              { key: 'Summary', value: review.summary ? <span className="app-pre-line">{review.summary}</span> : null },
            ]}
          />
          <h2 className="govuk-heading-l" id="recommendations">
            Recommendations
          </h2>
          <p className="govuk-body">
            What the committee recommended. Every few months the organisations responsible report their progress, and the
            committee judges how far each recommendation has got
            {graded > 0 ? '' : ': it has not yet done so for this review'}.
          </p>
          <Recommendations recommendations={review.recommendations} />
          <h2 className="govuk-heading-l" id="decisions">
            What Cabinet decided
          </h2>
          <Decisions decisions={review.decisions} />
        </div>
      </div>
      <h2 className="govuk-heading-l" id="action-plan">
        Action plan
      </h2>
      <ActionPlan plan={review.action_plan} />
      <OpenDataDownload councilId={review.council_id} councilName={review.council_name} />
      <p className="govuk-body">
        <Link className="govuk-link" to={publicPath(review.council_id)}>
          Other reviews published by {review.council_name}
        </Link>
      </p>
    </>
  );
}
