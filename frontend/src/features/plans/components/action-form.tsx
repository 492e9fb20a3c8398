import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { Action, ActionPlan, Contact, Organisation, Recommendation } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Checkboxes, Radios, Select, Textarea, TextInput } from '@/components/ui/form';
import { Loading } from '@/components/ui/loading';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { fetchAction } from '../api/get-plan';
import { useContacts, useOrganisations } from '../api/get-owners';
import { useCreateAction, useUpdateAction } from '../api/write-plan';
import {
  buildAction,
  dateTarget,
  draftOf,
  emptyDraft,
  EMPTY_MILESTONE,
  ids,
  measureLabel,
  milestoneLabel,
  targetDateLegend,
  updateBody,
  type ActionDraft,
} from '../lib/action-draft';
import { ActionConflict } from './action-conflict';
import { PartialDateField } from './partial-date-field';

type Props = {
  reviewId: string;
  plan: ActionPlan;
  recommendations: readonly Recommendation[];
  /** The action to edit; absent to add one. */
  action?: Action;
  /** Its name on the page ("Action 3"), when editing. */
  name?: string;
  onDone: (message: string) => void;
  onCancel: () => void;
};

function contactHint(contact: Contact, organisations: readonly Organisation[]): string | undefined {
  const org = organisations.find((o) => o.id === contact.organisation_id)?.name;
  const bits = [contact.job_title, org].filter(Boolean);
  return bits.length > 0 ? bits.join(', ') : undefined;
}

/**
 * Adding or changing an action: the recommendation (and part) it answers, the agreed action,
 * its success measures, who is responsible and its target dates. Once the plan is agreed every
 * change is an amendment and needs a reason. A 412 keeps what was typed and shows what changed.
 */
export function ActionForm({ reviewId, plan, recommendations, action, name, onDone, onCancel }: Props) {
  const editing = Boolean(action);
  const [draft, setDraft] = useState<ActionDraft>(() =>
    action ? draftOf(action) : emptyDraft(recommendations.length === 1 ? recommendations[0]!.id : ''),
  );
  const [baseVersion, setBaseVersion] = useState(action?.version ?? 0);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conflict, setConflict] = useState<Action | null>(null);
  const organisations = useOrganisations();
  const contacts = useContacts();
  const create = useCreateAction(reviewId);
  const update = useUpdateAction(reviewId);
  const pending = create.isPending || update.isPending;
  const agreed = plan.status === 'agreed';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formId = editing ? `edit-action-${action!.id}` : 'add-action';
  const heading = editing ? `Edit ${(name ?? 'the action').toLowerCase()}` : 'Add an action';

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const change = (patch: Partial<ActionDraft>, clear: string[] = []) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (clear.some((id) => errors.fields[id])) {
      setErrors((e) => ({
        fields: Object.fromEntries(Object.entries(e.fields).filter(([k]) => !clear.includes(k))),
        summary: e.summary.filter((s) => !s.field || !clear.includes(s.field)),
      }));
    }
  };

  const recommendation = recommendations.find((r) => r.id === draft.recommendationId);
  const parts = recommendation?.parts ?? [];

  function save(version: number) {
    const built = buildAction(draft, agreed ? reason.trim() || null : null);
    const found: FormErrors = { fields: {}, summary: [] };
    for (const p of built.problems) {
      found.fields[p.id] ??= p.text;
      found.summary.push({ field: p.id, text: p.text });
    }
    if (agreed && !reason.trim()) {
      const text = 'Reason for the amendment: the plan is agreed, so say why this change is made';
      found.fields[ids.amendmentReason] = text;
      found.summary.push({ field: ids.amendmentReason, text });
    }
    setErrors(found);
    if (found.summary.length > 0) return;
    const onError = (error: Error) => {
      if (editing && error instanceof ApiError && error.status === 412) {
        setErrors(NO_ERRORS);
        fetchAction(action!.id).then(setConflict, (e: unknown) => setErrors(problemErrors(e, built.locate)));
        return;
      }
      setErrors(problemErrors(error, built.locate));
    };
    if (editing) {
      update.mutate(
        { id: action!.id, version, body: updateBody(built.body) },
        { onSuccess: () => onDone(`${name ?? 'The action'} was saved`), onError },
      );
    } else {
      create.mutate({ planId: plan.id, body: built.body }, { onSuccess: () => onDone('The action was added'), onError });
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setConflict(null);
    save(baseVersion);
  }

  const orgOptions = (organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }));
  const contactOptions = (contacts.data ?? []).map((c) => ({
    value: c.id,
    label: c.name,
    hint: contactHint(c, organisations.data ?? []),
  }));
  const ownersError = (prefix: string) =>
    Object.entries(errors.fields).find(([k]) => k === prefix || k.startsWith(`${prefix}-`))?.[1];
  const dateError = (i: number) =>
    errors.fields[ids.milestone(i)] ?? errors.fields[`${ids.milestone(i)}-mm`] ?? errors.fields[`${ids.milestone(i)}-d`];

  return (
    <section className="app-action-form" aria-labelledby={`${formId}-heading`}>
      <h3 className="govuk-heading-m" id={`${formId}-heading`} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      {conflict ? (
        <ActionConflict
          mine={draft}
          theirs={conflict}
          recommendations={recommendations}
          onKeepMine={() => {
            const version = conflict.version;
            setBaseVersion(version);
            setConflict(null);
            save(version);
          }}
          onTakeTheirs={() => {
            setDraft(draftOf(conflict));
            setBaseVersion(conflict.version);
            setConflict(null);
          }}
        />
      ) : null}
      <ErrorSummary errors={errors.summary} />
      <form noValidate onSubmit={submit} aria-labelledby={`${formId}-heading`}>
        <Select
          id={ids.recommendation}
          label="Recommendation"
          labelClass="govuk-label--s"
          width="govuk-!-width-full"
          error={errors.fields[ids.recommendation]}
          value={draft.recommendationId}
          options={[
            ...(draft.recommendationId ? [] : [{ value: '', label: 'Choose a recommendation' }]),
            ...recommendations.map((r) => {
              const words = recommendationSummary(r);
              return { value: r.id, label: `${r.number}. ${words.length > 90 ? `${words.slice(0, 89)}…` : words}` };
            }),
          ]}
          onChange={(recommendationId) => change({ recommendationId, partId: '' }, [ids.recommendation, ids.part])}
        />
        {parts.length > 0 ? (
          <Select
            id={ids.part}
            label="Part"
            labelClass="govuk-label--s"
            width="govuk-!-width-full"
            hint="The part of the recommendation the action answers, or the whole recommendation"
            error={errors.fields[ids.part]}
            value={draft.partId}
            options={[
              { value: '', label: 'The whole recommendation' },
              ...parts.map((p) => ({
                value: p.id,
                label: `${p.label}) ${p.text.length > 90 ? `${p.text.slice(0, 89)}…` : p.text}`,
              })),
            ]}
            onChange={(partId) => change({ partId }, [ids.part])}
          />
        ) : null}
        <Textarea
          id={ids.proposed}
          label="Agreed action"
          labelClass="govuk-label--s"
          hint="What will be done. Bullets and line breaks are kept as typed."
          error={errors.fields[ids.proposed]}
          value={draft.proposed}
          rows={6}
          onChange={(proposed) => change({ proposed }, [ids.proposed])}
        />

        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Success measures</legend>
          {draft.measures.map((m, i) => (
            <div key={i}>
              <Textarea
                id={ids.measure(i)}
                label={measureLabel(i)}
                error={errors.fields[ids.measure(i)]}
                value={m}
                rows={3}
                onChange={(value) =>
                  change({ measures: draft.measures.map((x, j) => (j === i ? value : x)) }, [ids.measure(i)])
                }
              />
              {i > 0 ? (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary govuk-!-margin-top-n4"
                  onClick={() => change({ measures: draft.measures.filter((_, j) => j !== i) })}
                >
                  Remove success measure {i + 1}
                </button>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => change({ measures: [...draft.measures, ''] })}
          >
            Add another success measure
          </button>
        </fieldset>

        <Radios
          id={ids.responsibility}
          name="responsibility"
          legend="Responsibility"
          error={errors.fields[ids.responsibility]}
          value={draft.responsibility}
          onChange={(v) => change({ responsibility: v as 'named' | 'all' }, [ids.responsibility])}
          options={[
            {
              value: 'named',
              label: 'Named organisations or people',
              conditional:
                organisations.isPending || contacts.isPending ? (
                  <Loading label="Loading organisations and people" />
                ) : (
                  <>
                    {organisations.isError ? (
                      <p className="govuk-body">The organisations could not be loaded. Try again later.</p>
                    ) : orgOptions.length === 0 ? (
                      <p className="govuk-body">No organisations have been set up.</p>
                    ) : (
                      <Checkboxes
                        id={ids.organisations}
                        name="organisations"
                        legend="Responsible organisations"
                        hint="Select all that apply"
                        small
                        error={ownersError(ids.organisations)}
                        options={orgOptions}
                        values={draft.organisationIds}
                        onChange={(organisationIds) => change({ organisationIds }, [ids.organisations])}
                      />
                    )}
                    {contacts.isError ? (
                      <p className="govuk-body">The people could not be loaded. Try again later.</p>
                    ) : contactOptions.length === 0 ? null : (
                      <Checkboxes
                        id={ids.contacts}
                        name="contacts"
                        legend="Responsible people"
                        hint="Named people, such as C/Supt Lang. Select all that apply."
                        small
                        error={ownersError(ids.contacts)}
                        options={contactOptions}
                        values={draft.contactIds}
                        onChange={(contactIds) => change({ contactIds }, [ids.contacts])}
                      />
                    )}
                  </>
                ),
            },
            { value: 'all', label: 'All partners ("All")' },
          ]}
        />
        <TextInput
          id={ids.responsibilityText}
          label="Responsibility as written (optional)"
          hint="How the plan should show it, if not the names chosen above"
          error={errors.fields[ids.responsibilityText]}
          value={draft.responsibilityText}
          onChange={(responsibilityText) => change({ responsibilityText }, [ids.responsibilityText])}
        />

        <h4 className="govuk-heading-s">Target dates</h4>
        <p className="govuk-body">
          Give a date to the month (such as March 2023) or to the day, or no date. Add a milestone to say what is due
          by then.
        </p>
        {draft.milestones.map((m, i) => (
          <div key={i}>
            <PartialDateField
              id={ids.milestone(i)}
              legend={targetDateLegend(i)}
              error={dateError(i)}
              value={m.date}
              onChange={(date) =>
                change({ milestones: draft.milestones.map((x, j) => (j === i ? { ...x, date } : x)) }, [
                  ids.milestone(i),
                  dateTarget(ids.milestone(i), { ...m.date, precision: 'month' }),
                  dateTarget(ids.milestone(i), { ...m.date, precision: 'day' }),
                ])
              }
            />
            <TextInput
              id={ids.milestoneLabel(i)}
              label={milestoneLabel(i)}
              hint={i === 0 ? 'For example, Development of protocol' : undefined}
              error={errors.fields[ids.milestoneLabel(i)]}
              value={m.label}
              onChange={(label) =>
                change({ milestones: draft.milestones.map((x, j) => (j === i ? { ...x, label } : x)) }, [
                  ids.milestoneLabel(i),
                ])
              }
            />
            {draft.milestones.length > 1 ? (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => change({ milestones: draft.milestones.filter((_, j) => j !== i) })}
              >
                Remove target date {i + 1}
              </button>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => change({ milestones: [...draft.milestones, EMPTY_MILESTONE] })}
        >
          Add another target date
        </button>

        <Textarea
          id={ids.notes}
          label="Progress notes (optional)"
          labelClass="govuk-label--s"
          hint="For example, Action complete"
          error={errors.fields[ids.notes]}
          value={draft.notes}
          rows={2}
          onChange={(notes) => change({ notes }, [ids.notes])}
        />
        {agreed ? (
          <Textarea
            id={ids.amendmentReason}
            label="Reason for the amendment"
            labelClass="govuk-label--s"
            hint="The plan has been agreed, so this change is kept as an amendment"
            error={errors.fields[ids.amendmentReason]}
            value={reason}
            rows={2}
            onChange={(v) => {
              setReason(v);
              if (errors.fields[ids.amendmentReason]) change({}, [ids.amendmentReason]);
            }}
          />
        ) : null}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={pending} aria-disabled={pending}>
            Save action
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
