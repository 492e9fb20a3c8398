import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { Action, ActionPlan, Recommendation } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Textarea } from '@/components/ui/form';
import { Tag } from '@/components/ui/tag';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useCompleteAction, useWithdrawAction } from '../api/write-plan';
import { responsibility } from '../lib/responsibility';
import { ActionHistory } from './action-history';

export type CardMode = 'view' | 'withdraw' | 'complete';

type Props = {
  reviewId: string;
  plan: ActionPlan;
  action: Action;
  recommendation?: Recommendation;
  /** "Action 3": its place in the plan. */
  name: string;
  mode: CardMode;
  /** The card title's heading level: 4 under a recommendation, 5 under a part. */
  level?: 4 | 5;
  /** Whether the user may change it (staff, plan not signed off). */
  editable: boolean;
  onMode: (mode: CardMode | 'edit') => void;
  onDone: (message: string) => void;
};

const CONFLICT = 'Someone else changed this action after you opened the page. Check it below and try again.';

function StatusTag({ status }: { status: string }) {
  if (status === 'complete') return <Tag colour="green">Complete</Tag>;
  if (status === 'withdrawn') return <Tag colour="red">Withdrawn</Tag>;
  return <Tag colour="blue">Open</Tag>;
}

function WithdrawForm({ reviewId, plan, action, name, onDone, onCancel }: {
  reviewId: string;
  plan: ActionPlan;
  action: Action;
  name: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [amendment, setAmendment] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const withdraw = useWithdrawAction(reviewId);
  const agreed = plan.status === 'agreed';
  const reasonId = `withdraw-${action.id}-reason`;
  const amendmentId = `withdraw-${action.id}-amendment`;
  const locate = (field: string): FieldTarget | undefined => {
    if (field === 'reason') return { id: reasonId, label: 'Reason for withdrawing' };
    if (field === 'amendment_reason') return { id: amendmentId, label: 'Reason for the amendment' };
    return undefined;
  };
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (withdraw.isPending) return;
    const found: FormErrors = { fields: {}, summary: [] };
    if (!reason.trim()) {
      found.fields[reasonId] = 'Reason for withdrawing: say why the action is withdrawn';
      found.summary.push({ field: reasonId, text: found.fields[reasonId] });
    }
    if (agreed && !amendment.trim()) {
      found.fields[amendmentId] = 'Reason for the amendment: the plan is agreed, so say why this change is made';
      found.summary.push({ field: amendmentId, text: found.fields[amendmentId] });
    }
    setErrors(found);
    if (found.summary.length > 0) return;
    withdraw.mutate(
      { action, body: { reason, amendment_reason: agreed ? amendment : null } },
      {
        onSuccess: () => onDone(`${name} was withdrawn`),
        onError: (error) =>
          setErrors(
            error instanceof ApiError && error.status === 412
              ? { fields: {}, summary: [{ text: CONFLICT }] }
              : problemErrors(error, locate),
          ),
      },
    );
  }
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-top-4" aria-label={`Withdraw ${name.toLowerCase()}`}>
      <ErrorSummary errors={errors.summary} />
      <Textarea
        id={reasonId}
        label="Reason for withdrawing"
        labelClass="govuk-label--s"
        hint="The action stays in the plan, marked withdrawn, with this reason"
        error={errors.fields[reasonId]}
        value={reason}
        rows={3}
        onChange={setReason}
      />
      {agreed ? (
        <Textarea
          id={amendmentId}
          label="Reason for the amendment"
          labelClass="govuk-label--s"
          error={errors.fields[amendmentId]}
          value={amendment}
          rows={2}
          onChange={setAmendment}
        />
      ) : null}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--warning" disabled={withdraw.isPending}>
          Withdraw action
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function CompleteForm({ reviewId, action, name, onDone, onCancel }: {
  reviewId: string;
  action: Action;
  name: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [notes, setNotes] = useState(action.status_notes ?? 'Action complete');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const complete = useCompleteAction(reviewId);
  const notesId = `complete-${action.id}-notes`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (complete.isPending) return;
    setErrors(NO_ERRORS);
    complete.mutate(
      { action, body: { status_notes: notes.trim() || null } },
      {
        onSuccess: () => onDone(`${name} was marked complete`),
        onError: (error) =>
          setErrors(
            error instanceof ApiError && error.status === 412
              ? { fields: {}, summary: [{ text: CONFLICT }] }
              : problemErrors(error, (f) => (f === 'status_notes' ? { id: notesId, label: 'Progress notes' } : undefined)),
          ),
      },
    );
  }
  return (
    <form noValidate onSubmit={submit} className="govuk-!-margin-top-4" aria-label={`Mark ${name.toLowerCase()} complete`}>
      <ErrorSummary errors={errors.summary} />
      <Textarea
        id={notesId}
        label="Progress notes"
        labelClass="govuk-label--s"
        error={errors.fields[notesId]}
        value={notes}
        rows={2}
        onChange={setNotes}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" disabled={complete.isPending}>
          Mark as complete
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One action as a GOV.UK summary card, with what the officer can do to it. */
export function ActionCard({ reviewId, plan, action, recommendation, name, mode, level = 4, editable, onMode, onDone }: Props) {
  const Heading = level === 4 ? 'h4' : 'h5';
  const part = action.part_id ? recommendation?.parts.find((p) => p.id === action.part_id) : undefined;
  const open = action.status === 'open';
  const canChange = editable && action.status !== 'withdrawn';
  const titleId = `action-${action.id}-title`;
  return (
    <div className="govuk-summary-card" id={`action-${action.id}`}>
      <div className="govuk-summary-card__title-wrapper">
        <Heading className="govuk-summary-card__title" id={titleId}>
          {name} <StatusTag status={action.status} />
        </Heading>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Recommendation</dt>
            <dd className="govuk-summary-list__value">
              {action.recommendation_number}
              {part ? `${part.label}` : (action.part_label ?? '')}
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Agreed action</dt>
            <dd className="govuk-summary-list__value app-pre-line">{action.proposed_actions}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Success measures</dt>
            <dd className="govuk-summary-list__value">
              {action.success_measures.length === 0 ? (
                'None given'
              ) : action.success_measures.length === 1 ? (
                <span className="app-pre-line">{action.success_measures[0]}</span>
              ) : (
                <ul className="govuk-list govuk-list--bullet">
                  {action.success_measures.map((m, i) => (
                    <li key={i} className="app-pre-line">
                      {m}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Responsibility</dt>
            <dd className="govuk-summary-list__value">{responsibility(action) || 'Nobody named'}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Target dates</dt>
            <dd className="govuk-summary-list__value">
              {action.milestones.length === 0 ? (
                'No date given'
              ) : (
                <ul className="govuk-list">
                  {action.milestones.map((m) => (
                    <li key={m.id}>{m.text}</li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          {action.status_notes ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Progress notes</dt>
              <dd className="govuk-summary-list__value app-pre-line">{action.status_notes}</dd>
            </div>
          ) : null}
          {action.withdrawn_reason ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Withdrawn because</dt>
              <dd className="govuk-summary-list__value app-pre-line">{action.withdrawn_reason}</dd>
            </div>
          ) : null}
        </dl>
        {canChange && mode === 'view' ? (
          <div className="govuk-button-group govuk-!-margin-top-4 govuk-!-margin-bottom-0">
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onMode('edit')}>
              Edit{' '}<span className="govuk-visually-hidden">{name.toLowerCase()}</span>
            </button>
            {open ? (
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onMode('complete')}>
                Mark complete<span className="govuk-visually-hidden">{`: ${name.toLowerCase()}`}</span>
              </button>
            ) : null}
            <button type="button" className="govuk-button govuk-button--warning" onClick={() => onMode('withdraw')}>
              Withdraw{' '}<span className="govuk-visually-hidden">{name.toLowerCase()}</span>
            </button>
          </div>
        ) : null}
        {canChange && mode === 'withdraw' ? (
          <WithdrawForm
            reviewId={reviewId}
            plan={plan}
            action={action}
            name={name}
            onDone={onDone}
            onCancel={() => onMode('view')}
          />
        ) : null}
        {canChange && mode === 'complete' && open ? (
          <CompleteForm reviewId={reviewId} action={action} name={name} onDone={onDone} onCancel={() => onMode('view')} />
        ) : null}
        <ActionHistory actionId={action.id} name={name} />
      </div>
    </div>
  );
}
