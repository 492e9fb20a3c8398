import type { ActionSummary, Decision, Recommendation } from '@/api/types';
import { Link } from '@/components/ui/link';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { formatDate } from '@/lib/format';
import { hasLeadIn } from '../lib/text';
import { RecommendationStatus } from './recommendation-status';

type Props = {
  recommendation: Recommendation;
  /** The review's decisions: the resolutions that decided on this recommendation are shown. */
  decisions: readonly Decision[];
  staff: boolean;
};

function owners(action: ActionSummary): string {
  if (action.responsibility_text) return action.responsibility_text;
  if (action.responsible_all) return 'All';
  return action.owners
    .map((o) => [o.organisation_name, o.contact_name].filter(Boolean).join(', '))
    .filter(Boolean)
    .join('; ');
}

function dates(action: ActionSummary): string {
  return action.milestones
    .map((m) => [m.display, m.label ? `(${m.label})` : null].filter(Boolean).join(' '))
    .filter(Boolean)
    .join('; ');
}

/** The Cabinet's resolutions on this recommendation, decision by decision. */
function CabinetResponse({ recommendation, decisions }: { recommendation: Recommendation; decisions: readonly Decision[] }) {
  const partIds = new Set(recommendation.parts.map((p) => p.id));
  const answers = decisions.flatMap((d) =>
    d.resolutions
      .filter((r) => r.recommendation_id === recommendation.id || r.parts.some((p) => p.recommendation_part_id && partIds.has(p.recommendation_part_id)))
      .map((r) => ({ decision: d, resolution: r })),
  );
  if (answers.length === 0) {
    return <p className="govuk-body">No Cabinet decision on this recommendation has been recorded yet.</p>;
  }
  return (
    <>
      {answers.map(({ decision, resolution }) => (
        <div className="app-block" key={resolution.id}>
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
            {decision.body}, {formatDate(decision.meeting_date)}: resolution {resolution.number}
          </p>
          {/* Blank on a resolution made only of its parts: no empty paragraph before them. */}
          {resolution.text.trim() ? <p className="govuk-body app-pre-line">{resolution.text}</p> : null}
          {resolution.parts.length > 0 ? (
            <ol className="govuk-list app-parts">
              {resolution.parts.map((p) => (
                <li key={p.id} className="app-parts__item">
                  <span className="app-parts__label">{p.label})</span> {p.text}
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      ))}
    </>
  );
}

/** One recommendation: its text and parts, the Cabinet's response and the actions that answer it. */
export function RecommendationDetail({ recommendation: rec, decisions, staff }: Props) {
  const parts = [...rec.parts].sort((a, b) => a.position - b.position);
  const open = rec.status !== 'withdrawn';
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Number', value: rec.number },
          { key: 'Status', value: rec.status === 'open' ? 'Open' : <RecommendationStatus recommendation={rec} /> },
          { key: 'Withdrawn because', value: rec.withdrawn_reason },
          { key: 'Closed because', value: rec.closed_reason },
        ]}
      />
      {hasLeadIn(rec) ? <p className="govuk-body app-pre-line">{rec.text}</p> : null}
      {staff && open ? (
        <div className="govuk-button-group">
          <Link to={`/recommendations/${rec.id}/edit`} className="govuk-button govuk-button--secondary">
            Change recommendation
          </Link>
          {rec.status === 'open' ? (
            <Link to={`/recommendations/${rec.id}/close`} className="govuk-button govuk-button--secondary">
              Close recommendation
            </Link>
          ) : null}
          <Link to={`/recommendations/${rec.id}/withdraw`} className="govuk-button govuk-button--warning">
            Withdraw recommendation
          </Link>
        </div>
      ) : null}

      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="parts">
        Parts
      </h2>
      {parts.length === 0 ? (
        <p className="govuk-body">This recommendation has no parts.</p>
      ) : (
        <dl className="govuk-summary-list" aria-labelledby="parts">
          {parts.map((part) => {
            const changeable = staff && open && !part.withdrawn_reason;
            return (
            <div
              className={`govuk-summary-list__row${staff && !changeable ? ' govuk-summary-list__row--no-actions' : ''}`}
              key={part.id}
            >
              <dt className="govuk-summary-list__key">{part.label})</dt>
              <dd className="govuk-summary-list__value">
                <span className={part.withdrawn_reason ? 'app-withdrawn' : undefined}>{part.text}</span>
                {part.withdrawn_reason ? (
                  <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                    <Tag colour="red">Withdrawn</Tag> {part.withdrawn_reason}
                  </p>
                ) : null}
                <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                  <Link to={`/recommendation-parts/${part.id}/history`}>
                    History{' '}<span className="govuk-visually-hidden">of part {part.label})</span>
                  </Link>
                </p>
              </dd>
              {changeable ? (
                <dd className="govuk-summary-list__actions">
                  <ul className="govuk-summary-list__actions-list">
                    <li className="govuk-summary-list__actions-list-item">
                      <Link to={`/recommendation-parts/${part.id}/edit`}>
                        Change{' '}<span className="govuk-visually-hidden">part {part.label})</span>
                      </Link>
                    </li>
                    <li className="govuk-summary-list__actions-list-item">
                      <Link to={`/recommendation-parts/${part.id}/withdraw`}>
                        Withdraw{' '}<span className="govuk-visually-hidden">part {part.label})</span>
                      </Link>
                    </li>
                  </ul>
                </dd>
              ) : null}
            </div>
            );
          })}
        </dl>
      )}
      {staff && open ? (
        <p className="govuk-body">
          <Link to={`/recommendations/${rec.id}/parts/new`} className="govuk-button govuk-button--secondary">
            Add a part
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m govuk-!-margin-top-6">Cabinet response</h2>
      <CabinetResponse recommendation={rec} decisions={decisions} />

      <h2 className="govuk-heading-m govuk-!-margin-top-6">Actions</h2>
      {rec.actions.length === 0 ? (
        <p className="govuk-body">No actions in the action plan answer this recommendation yet.</p>
      ) : (
        <div className="app-table-scroll" role="region" aria-label="Actions" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Actions</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Part</th>
                <th scope="col" className="govuk-table__header">Proposed actions</th>
                <th scope="col" className="govuk-table__header">Responsibility</th>
                <th scope="col" className="govuk-table__header">Date</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {rec.actions.map((a) => (
                <tr className="govuk-table__row" key={a.id}>
                  <td className="govuk-table__cell">
                    {a.part_id ? `${parts.find((p) => p.id === a.part_id)?.label ?? ''})` : 'All'}
                  </td>
                  <td className="govuk-table__cell app-pre-line">{a.proposed_actions}</td>
                  <td className="govuk-table__cell">{owners(a)}</td>
                  <td className="govuk-table__cell">{dates(a)}</td>
                  <td className="govuk-table__cell">
                    {a.status === 'complete' ? 'Complete' : a.status === 'withdrawn' ? 'Withdrawn' : 'Open'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
