import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Action, ActionPlan as Plan, Recommendation } from '@/api/types';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { formatDate } from '@/lib/format';
import { ActionCard, type CardMode } from './action-card';
import { ActionForm } from './action-form';
import { Amendments } from './amendments';
import { PlanDetailsForm } from './plan-details-form';
import { PlanHistory } from './plan-history';

function PlanStatus({ status }: { status: string }) {
  if (status === 'agreed') return <Tag colour="turquoise">Agreed</Tag>;
  if (status === 'signed_off') return <Tag colour="green">Signed off</Tag>;
  return <Tag colour="grey">Draft</Tag>;
}

type Props = {
  reviewId: string;
  plan: Plan;
  recommendations: readonly Recommendation[];
  /** Council staff may change it; others see it and its history. */
  canEdit: boolean;
};

/** URL search params that open a form: `edit=new|<action id>`, `withdraw=<id>`, `complete=<id>`. */
const MODE_PARAMS = ['edit', 'withdraw', 'complete'] as const;

/**
 * The action-plan editor: the plan's details and status, its actions grouped by recommendation
 * and part (add, edit, withdraw, complete), its amendments and its history.
 */
export function PlanEditor({ reviewId, plan, recommendations, canEdit }: Props) {
  const [params, setParams] = useSearchParams();
  const [flash, setFlash] = useState<{ message: string; key: number } | null>(null);
  const editable = canEdit && plan.status !== 'signed_off';
  const actions = [...plan.actions].sort((a, b) => a.position - b.position);
  const names = new Map(actions.map((a, i) => [a.id, `Action ${i + 1}`]));
  const editing = params.get('edit');
  const historyCursor = params.get('history');
  const amendmentsCursor = params.get('amendments');

  const setMode = (action: Action | null, mode: CardMode | 'edit') => {
    const next = new URLSearchParams(params);
    for (const p of MODE_PARAMS) next.delete(p);
    if (mode !== 'view') next.set(mode, action ? action.id : 'new');
    setParams(next, { replace: true });
  };
  const done = (message: string) => {
    setMode(null, 'view');
    setFlash({ message, key: Date.now() });
  };
  const modeOf = (action: Action): CardMode | 'edit' => {
    if (editing === action.id) return 'edit';
    if (params.get('withdraw') === action.id) return 'withdraw';
    if (params.get('complete') === action.id) return 'complete';
    return 'view';
  };
  const pageLink = (key: 'history' | 'amendments') => (cursor: string | null) => {
    const next = new URLSearchParams(params);
    for (const p of MODE_PARAMS) next.delete(p);
    if (cursor) next.set(key, cursor);
    else next.delete(key);
    const query = next.toString();
    return `/reviews/${reviewId}/action-plan/edit${query ? `?${query}` : ''}#${key}`;
  };

  const renderAction = (action: Action, level: 4 | 5) => {
    const mode = modeOf(action);
    const name = names.get(action.id) ?? 'Action';
    const recommendation = recommendations.find((r) => r.id === action.recommendation_id);
    if (mode === 'edit' && editable && action.status !== 'withdrawn') {
      return (
        <ActionForm
          key={action.id}
          reviewId={reviewId}
          plan={plan}
          recommendations={recommendations}
          action={action}
          name={name}
          onDone={done}
          onCancel={() => setMode(null, 'view')}
        />
      );
    }
    return (
      <ActionCard
        key={action.id}
        reviewId={reviewId}
        plan={plan}
        action={action}
        recommendation={recommendation}
        name={name}
        level={level}
        mode={mode === 'edit' ? 'view' : mode}
        editable={editable}
        onMode={(m) => setMode(action, m)}
        onDone={done}
      />
    );
  };

  const known = new Set(recommendations.map((r) => r.id));
  const orphans = actions.filter((a) => !known.has(a.recommendation_id));

  return (
    <>
      {flash ? <NotificationBanner key={flash.key} kind="success" heading={flash.message} /> : null}

      <h2 className="govuk-heading-l" id="plan-details">
        Plan details
      </h2>
      <SummaryList
        rows={[
          { key: 'Status', value: <PlanStatus status={plan.status} /> },
          {
            key: 'Agreed by the committee',
            value: plan.agreed_on_display ?? (plan.agreed_on ? formatDate(plan.agreed_on) : 'Not yet agreed'),
          },
          { key: 'Amendments', value: plan.status === 'draft' ? null : String(plan.amendment_count) },
          { key: 'Signed off', value: plan.signed_off_on ? formatDate(plan.signed_off_on) : null },
          { key: 'Signed off because', value: plan.signed_off_reason },
        ]}
      />
      {canEdit ? <PlanDetailsForm reviewId={reviewId} plan={plan} onDone={(m) => setFlash({ message: m, key: Date.now() })} /> : null}

      <h2 className="govuk-heading-l govuk-!-margin-top-8" id="actions">
        Actions
      </h2>
      {editable && editing !== 'new' ? (
        <button type="button" className="govuk-button" onClick={() => setMode(null, 'edit')}>
          Add an action
        </button>
      ) : null}
      {editable && editing === 'new' ? (
        <ActionForm
          reviewId={reviewId}
          plan={plan}
          recommendations={recommendations}
          onDone={done}
          onCancel={() => setMode(null, 'view')}
        />
      ) : null}
      {actions.length === 0 ? <p className="govuk-body">The plan has no actions yet.</p> : null}

      {recommendations.map((rec) => {
        const own = actions.filter((a) => a.recommendation_id === rec.id && !a.part_id);
        const byPart = [...rec.parts]
          .sort((a, b) => a.position - b.position)
          .map((part) => ({ part, actions: actions.filter((a) => a.part_id === part.id) }));
        const partsWithout = byPart.filter((p) => p.actions.length === 0 && !p.part.withdrawn_reason);
        const none = own.length === 0 && byPart.every((p) => p.actions.length === 0);
        return (
          <section key={rec.id} className="govuk-!-margin-bottom-8" aria-labelledby={`rec-${rec.id}`}>
            <h3 className="govuk-heading-m" id={`rec-${rec.id}`}>
              Recommendation {rec.number}
            </h3>
            <p className="govuk-body app-pre-line">{recommendationSummary(rec)}</p>
            {none ? <p className="govuk-body app-secondary-text">No actions for this recommendation yet.</p> : null}
            {own.map((a) => renderAction(a, 4))}
            {byPart
              .filter((p) => p.actions.length > 0)
              .map(({ part, actions: partActions }) => (
                <div key={part.id}>
                  <h4 className="govuk-heading-s">
                    {rec.number}
                    {part.label}) {part.text}
                  </h4>
                  {partActions.map((a) => renderAction(a, 5))}
                </div>
              ))}
            {!none && rec.parts.length > 0 && partsWithout.length > 0 ? (
              <p className="govuk-body-s app-secondary-text">
                Parts without an action of their own: {partsWithout.map((p) => `${p.part.label})`).join(', ')}
              </p>
            ) : null}
          </section>
        );
      })}
      {orphans.map((a) => renderAction(a, 4))}

      {plan.status !== 'draft' || plan.amendment_count > 0 ? (
        <>
          <h2 className="govuk-heading-l govuk-!-margin-top-8" id="amendments">
            Amendments
          </h2>
          <Amendments
            planId={plan.id}
            recommendations={recommendations}
            cursor={amendmentsCursor}
            pageLink={pageLink('amendments')}
          />
        </>
      ) : null}

      <h2 className="govuk-heading-l govuk-!-margin-top-8" id="history">
        History
      </h2>
      <PlanHistory planId={plan.id} cursor={historyCursor} pageLink={pageLink('history')} />
    </>
  );
}
