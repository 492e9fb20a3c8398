import type { Action, ActionPlan as Plan, Recommendation } from '@/api/types';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { formatDate } from '@/lib/format';
import { responsibility } from '../lib/responsibility';

function PlanStatus({ status }: { status: string }) {
  switch (status) {
    case 'draft':
      return <Tag colour="grey">Draft</Tag>;
    case 'agreed':
      return <Tag colour="turquoise">Agreed</Tag>;
    case 'signed_off':
      return <Tag colour="green">Signed off</Tag>;
    default:
      return <Tag>{status}</Tag>;
  }
}

/** The Recommendation cell: the part the action answers, or the recommendation. */
function RecommendationCell({ action, recommendation }: { action: Action; recommendation?: Recommendation }) {
  const part = action.part_id ? recommendation?.parts.find((p) => p.id === action.part_id) : undefined;
  if (part) {
    return (
      <>
        <span className="app-parts__label">{part.label})</span> {part.text}
      </>
    );
  }
  if (action.part_label) return <span className="app-parts__label">{action.part_label})</span>;
  return <span className="app-pre-line">{recommendation ? recommendationSummary(recommendation) : ''}</span>;
}

function ActionRow({ action, recommendation }: { action: Action; recommendation?: Recommendation }) {
  return (
    <tr className="govuk-table__row" id={`action-${action.id}`}>
      <td className="govuk-table__cell" data-label="No.">
        {action.recommendation_number}
        {action.part_label ?? ''}
      </td>
      <td className="govuk-table__cell" data-label="Recommendation">
        <RecommendationCell action={action} recommendation={recommendation} />
      </td>
      <td className="govuk-table__cell" data-label="Proposed actions">
        <span className="app-pre-line">{action.proposed_actions}</span>
        {action.status === 'complete' ? (
          <span className="app-cell-note">
            <Tag colour="green">Complete</Tag>
          </span>
        ) : null}
        {action.status === 'withdrawn' ? (
          <span className="app-cell-note">
            <Tag colour="red">Withdrawn</Tag> {action.withdrawn_reason}
          </span>
        ) : null}
        {action.status_notes ? <span className="app-cell-note app-pre-line">{action.status_notes}</span> : null}
      </td>
      <td className="govuk-table__cell" data-label="Success measures">
        {action.success_measures.length === 0 ? (
          <span className="app-secondary-text">None given</span>
        ) : action.success_measures.length === 1 ? (
          <span className="app-pre-line">{action.success_measures[0]}</span>
        ) : (
          <ul className="govuk-list govuk-list--bullet app-cell-list">
            {action.success_measures.map((m, i) => (
              <li key={i} className="app-pre-line">
                {m}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="govuk-table__cell" data-label="Responsibility">
        {responsibility(action)}
      </td>
      <td className="govuk-table__cell" data-label="Date">
        {action.milestones.length === 0 ? (
          <span className="app-secondary-text">No date given</span>
        ) : (
          <ul className="govuk-list app-cell-list">
            {action.milestones.map((m) => (
              <li key={m.id}>{m.text}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

type Props = { plan: Plan; recommendations: readonly Recommendation[] };

/** The action plan as the committee agreed it: No. / Recommendation / Proposed actions / … / Date. */
export function ActionPlan({ plan, recommendations }: Props) {
  const byId = new Map(recommendations.map((r) => [r.id, r]));
  const actions = [...plan.actions].sort((a, b) => a.position - b.position);
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Title', value: plan.title },
          { key: 'Status', value: <PlanStatus status={plan.status} /> },
          { key: 'Agreed by the committee', value: plan.agreed_on_display ?? (plan.agreed_on ? formatDate(plan.agreed_on) : null) },
          {
            key: 'Amendments',
            value: plan.amendment_count > 0 ? `${plan.amendment_count} since it was agreed` : null,
          },
          { key: 'Signed off', value: plan.signed_off_on ? formatDate(plan.signed_off_on) : null },
          { key: 'Signed off because', value: plan.signed_off_reason },
        ]}
      />
      {actions.length === 0 ? (
        <p className="govuk-body">The plan has no actions yet.</p>
      ) : (
        <table className="govuk-table app-table--responsive app-action-plan">
          <caption className="govuk-table__caption govuk-table__caption--s">Actions</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header app-action-plan__number">
                No.
              </th>
              <th scope="col" className="govuk-table__header">
                Recommendation
              </th>
              <th scope="col" className="govuk-table__header">
                Proposed actions
              </th>
              <th scope="col" className="govuk-table__header">
                Success measures
              </th>
              <th scope="col" className="govuk-table__header">
                Responsibility
              </th>
              <th scope="col" className="govuk-table__header">
                Date
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {actions.map((action) => (
              <ActionRow key={action.id} action={action} recommendation={byId.get(action.recommendation_id)} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
