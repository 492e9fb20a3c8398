import type { Action, Milestone, Recommendation } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Tag } from '@/components/ui/tag';
import { OverdueTag } from '@/features/progress/components/entry-state-tag';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { formatDate } from '@/lib/format';
import { responsibility } from '../lib/responsibility';

/** What a review gives the table: its title and recommendations, once loaded. */
export type ReviewInfo = { title: string; recommendations: readonly Recommendation[] };

function shorten(text: string, max = 180): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Not met, and its last day has passed. */
export function milestoneOverdue(m: Milestone, today: string): boolean {
  return !m.completed_on && Boolean(m.due_by) && m.due_by! < today;
}

/** "May 2022" for a month, "14 October 2022" for a day; its label after it. */
function MilestoneItem({ milestone: m, today }: { milestone: Milestone; today: string }) {
  const when = m.date ? formatDate(m.date) : null;
  return (
    <li>
      {when ? <strong>{when}</strong> : <span className="app-secondary-text">No date</span>}
      {m.label ? ` (${m.label})` : null}
      {m.completed_on ? (
        <>
          {' '}
          <Tag colour="green">Met {formatDate(m.completed_on)}</Tag>
        </>
      ) : milestoneOverdue(m, today) ? (
        <>
          {' '}
          <OverdueTag />
        </>
      ) : null}
    </li>
  );
}

function RecommendationCell({ action, review }: { action: Action; review?: ReviewInfo }) {
  const rec = review?.recommendations.find((r) => r.id === action.recommendation_id);
  const part = action.part_id ? rec?.parts.find((p) => p.id === action.part_id) : undefined;
  const text = part ? part.text : rec ? recommendationSummary(rec) : undefined;
  return (
    <>
      <Link to={`/recommendations/${action.recommendation_id}`}>
        Recommendation {action.recommendation_number}
        {action.part_label ? `${action.part_label})` : ''}
      </Link>
      {text ? <span className="app-cell-note">{shorten(text)}</span> : null}
    </>
  );
}

type Props = {
  actions: readonly Action[];
  reviews: ReadonlyMap<string, ReviewInfo>;
  caption: string;
  today: string;
  /** A column for each action's status (open, complete, withdrawn): for lists of every action. */
  withStatus?: boolean;
};

const STATUS: Record<Action['status'], { label: string; colour: 'blue' | 'green' | 'grey' }> = {
  open: { label: 'Open', colour: 'blue' },
  complete: { label: 'Complete', colour: 'green' },
  withdrawn: { label: 'Withdrawn', colour: 'grey' },
};

/** Actions with their milestones, the overdue ones flagged. */
export function MilestonesTable({ actions, reviews, caption, today, withStatus = false }: Props) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Action
          </th>
          <th scope="col" className="govuk-table__header">
            Review
          </th>
          <th scope="col" className="govuk-table__header">
            Recommendation
          </th>
          <th scope="col" className="govuk-table__header">
            Responsible
          </th>
          <th scope="col" className="govuk-table__header">
            Milestones
          </th>
          {withStatus ? (
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {actions.map((action) => {
          const review = reviews.get(action.review_id);
          const overdue = action.status === 'open' && action.milestones.some((m) => milestoneOverdue(m, today));
          return (
            <tr className="govuk-table__row" key={action.id}>
              <th scope="row" className="govuk-table__header app-table__title app-pre-line govuk-!-font-weight-regular">
                {shorten(action.proposed_actions, 240)}
                {overdue ? (
                  <span className="app-cell-note">
                    <OverdueTag />
                  </span>
                ) : null}
              </th>
              <td className="govuk-table__cell" data-label="Review">
                <Link to={`/reviews/${action.review_id}#action-plan`}>{review?.title ?? 'The review'}</Link>
              </td>
              <td className="govuk-table__cell" data-label="Recommendation">
                <RecommendationCell action={action} review={review} />
              </td>
              <td className="govuk-table__cell" data-label="Responsible">
                {responsibility(action) || <span className="app-secondary-text">Not given</span>}
              </td>
              <td className="govuk-table__cell" data-label="Milestones">
                {action.milestones.length === 0 ? (
                  <span className="app-secondary-text">No date given</span>
                ) : (
                  <ul className="govuk-list app-cell-list">
                    {action.milestones.map((m) => (
                      <MilestoneItem key={m.id} milestone={m} today={today} />
                    ))}
                  </ul>
                )}
              </td>
              {withStatus ? (
                <td className="govuk-table__cell" data-label="Status">
                  <Tag colour={STATUS[action.status].colour}>{STATUS[action.status].label}</Tag>
                  {action.withdrawn_reason ? <span className="app-cell-note">{action.withdrawn_reason}</span> : null}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
