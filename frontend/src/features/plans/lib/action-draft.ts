// The action form's content, and the API bodies and error targets made from it.
import type { Action, CreateAction, MilestoneInput, OwnerInput, Recommendation, UpdateAction } from '@/api/types';
import type { FieldTarget } from '@/lib/problem-errors';
import { isoOf, partialDateOf, type PartialDateValue } from './partial-date';
import { responsibility } from './responsibility';

export type MilestoneDraft = { date: PartialDateValue; label: string; completedOn: string | null };

export type ActionDraft = {
  recommendationId: string;
  /** '' for the whole recommendation. */
  partId: string;
  proposed: string;
  measures: string[];
  responsibility: 'named' | 'all';
  organisationIds: string[];
  contactIds: string[];
  /** The Responsibility cell as written; '' to use the owners' names. */
  responsibilityText: string;
  milestones: MilestoneDraft[];
  notes: string;
};

export const EMPTY_MILESTONE: MilestoneDraft = {
  date: { precision: 'none', day: '', month: '', year: '' },
  label: '',
  completedOn: null,
};

export function emptyDraft(recommendationId = '', partId = ''): ActionDraft {
  return {
    recommendationId,
    partId,
    proposed: '',
    measures: [''],
    responsibility: 'named',
    organisationIds: [],
    contactIds: [],
    responsibilityText: '',
    milestones: [EMPTY_MILESTONE],
    notes: '',
  };
}

/** The Responsibility cell the API writes by default: the owners' names, or "All". */
function defaultResponsibility(action: Action): string {
  if (action.responsible_all) return 'All';
  return action.owners
    .map((o) => o.contact_name ?? o.organisation_name)
    .filter((n): n is string => Boolean(n))
    .join(', ');
}

export function draftOf(action: Action): ActionDraft {
  const contacts = action.owners.filter((o) => o.contact_id).map((o) => o.contact_id!);
  const organisations = action.owners.filter((o) => !o.contact_id && o.organisation_id).map((o) => o.organisation_id!);
  const text = action.responsibility_text ?? '';
  return {
    recommendationId: action.recommendation_id,
    partId: action.part_id ?? '',
    proposed: action.proposed_actions,
    measures: action.success_measures.length > 0 ? [...action.success_measures] : [''],
    responsibility: action.responsible_all ? 'all' : 'named',
    organisationIds: organisations,
    contactIds: contacts,
    responsibilityText: text === defaultResponsibility(action) ? '' : text,
    milestones:
      action.milestones.length > 0
        ? action.milestones.map((m) => ({
            date: partialDateOf(m.date, m.precision),
            label: m.label ?? '',
            completedOn: m.completed_on ?? null,
          }))
        : [EMPTY_MILESTONE],
    notes: action.status_notes ?? '',
  };
}

/** Ids of the controls, for labels and error links. */
export const ids = {
  recommendation: 'action-recommendation',
  part: 'action-part',
  proposed: 'action-proposed',
  measure: (i: number) => `action-measure-${i}`,
  responsibility: 'action-responsibility',
  organisations: 'action-organisations',
  contacts: 'action-contacts',
  responsibilityText: 'action-responsibility-text',
  milestone: (i: number) => `action-milestone-${i}`,
  milestoneLabel: (i: number) => `action-milestone-${i}-label`,
  notes: 'action-notes',
  amendmentReason: 'action-amendment-reason',
};

/** Where a date's error links: the first box of the chosen precision, else the first radio. */
export function dateTarget(id: string, value: PartialDateValue): string {
  if (value.precision === 'month') return `${id}-mm`;
  if (value.precision === 'day') return `${id}-d`;
  return id;
}

export const measureLabel = (i: number) => (i === 0 ? 'Success measure' : `Success measure ${i + 1}`);
export const targetDateLegend = (i: number) => (i === 0 ? 'Target date' : `Target date ${i + 1}`);
export const milestoneLabel = (i: number) => (i === 0 ? 'Milestone (optional)' : `Milestone ${i + 1} (optional)`);

export type Built = {
  /** Errors found before sending: a date that is not a real month or day. */
  problems: { id: string; text: string }[];
  body: CreateAction;
  /** Finds an API field on the page, given the body that was sent. */
  locate: (field: string) => FieldTarget | undefined;
};

/**
 * The body for the API: blank extra measures and empty milestones are left out, owners are
 * organisations then people; `locate` maps the API's indexes back to the form's controls.
 */
export function buildAction(draft: ActionDraft, amendmentReason: string | null): Built {
  const problems: { id: string; text: string }[] = [];
  if (!draft.recommendationId) {
    problems.push({ id: ids.recommendation, text: 'Recommendation: choose the recommendation the action answers' });
  }
  const measureIndex: number[] = [];
  const measures: string[] = [];
  draft.measures.forEach((m, i) => {
    if (m.trim() || i === 0) {
      measureIndex.push(i);
      measures.push(m);
    }
  });
  const ownerTargets: { id: string; label: string }[] = [];
  const owners: OwnerInput[] = [];
  if (draft.responsibility === 'named') {
    for (const id of draft.organisationIds) {
      owners.push({ organisation_id: id });
      ownerTargets.push({ id: ids.organisations, label: 'Responsible organisations' });
    }
    for (const id of draft.contactIds) {
      owners.push({ contact_id: id });
      ownerTargets.push({ id: ids.contacts, label: 'Responsible people' });
    }
  }
  const milestoneIndex: number[] = [];
  const milestones: MilestoneInput[] = [];
  draft.milestones.forEach((m, i) => {
    if (m.date.precision === 'none' && !m.label.trim()) return;
    const iso = isoOf(m.date);
    if (!iso.ok) {
      problems.push({ id: dateTarget(ids.milestone(i), m.date), text: `${targetDateLegend(i)}: ${iso.problem}` });
      return;
    }
    milestoneIndex.push(i);
    milestones.push({ date: iso.iso, label: m.label.trim() || null, completed_on: m.completedOn });
  });
  const body: CreateAction = {
    recommendation_id: draft.recommendationId,
    part_id: draft.partId || null,
    proposed_actions: draft.proposed,
    success_measures: measures,
    owners,
    responsible_all: draft.responsibility === 'all',
    responsibility_text: draft.responsibilityText.trim() || null,
    milestones,
    status_notes: draft.notes.trim() || null,
    amendment_reason: amendmentReason,
  };
  const locate = (field: string): FieldTarget | undefined => {
    let m = /^success_measures\[(\d+)\]/.exec(field);
    if (m) {
      const i = measureIndex[Number(m[1])] ?? 0;
      return { id: ids.measure(i), label: measureLabel(i) };
    }
    m = /^owners\[(\d+)\]/.exec(field);
    if (m) return ownerTargets[Number(m[1])] ?? { id: ids.organisations, label: 'Responsible organisations' };
    m = /^milestones\[(\d+)\]\.(date|label|completed_on)/.exec(field);
    if (m) {
      const i = milestoneIndex[Number(m[1])] ?? 0;
      if (m[2] === 'label') return { id: ids.milestoneLabel(i), label: milestoneLabel(i).replace(' (optional)', '') };
      return { id: dateTarget(ids.milestone(i), draft.milestones[i]?.date ?? EMPTY_MILESTONE.date), label: targetDateLegend(i) };
    }
    switch (field) {
      case 'recommendation_id':
        return { id: ids.recommendation, label: 'Recommendation' };
      case 'part_id':
        return { id: ids.part, label: 'Part' };
      case 'proposed_actions':
        return { id: ids.proposed, label: 'Agreed action' };
      case 'success_measures':
        return { id: ids.measure(0), label: 'Success measures' };
      case 'owners':
        return { id: ids.organisations, label: 'Responsibility' };
      case 'responsible_all':
        return { id: ids.responsibility, label: 'Responsibility' };
      case 'responsibility_text':
        return { id: ids.responsibilityText, label: 'Responsibility as written' };
      case 'milestones':
        return { id: ids.milestone(0), label: 'Target dates' };
      case 'status_notes':
        return { id: ids.notes, label: 'Progress notes' };
      case 'amendment_reason':
        return { id: ids.amendmentReason, label: 'Reason for the amendment' };
      default:
        return undefined;
    }
  };
  return { problems, body, locate };
}

/** A PATCH body: every field of the form, replacing the action's owners and milestones. */
export function updateBody(body: CreateAction): UpdateAction {
  return { ...body, responsibility_text: body.responsibility_text ?? null };
}

export const DRAFT_LABELS = {
  recommendation: 'Recommendation',
  proposed: 'Agreed action',
  measures: 'Success measures',
  responsibility: 'Responsibility',
  milestones: 'Target dates',
  notes: 'Progress notes',
} as const;

export type DraftField = keyof typeof DRAFT_LABELS;

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function milestoneKey(m: MilestoneDraft): string {
  const iso = isoOf(m.date);
  return `${iso.ok ? (iso.iso ?? '') : JSON.stringify(m.date)}|${m.label.trim()}`;
}

/** The fields in which two versions of an action differ. */
export function differences(mine: ActionDraft, theirs: ActionDraft): DraftField[] {
  const out: DraftField[] = [];
  if (mine.recommendationId !== theirs.recommendationId || mine.partId !== theirs.partId) out.push('recommendation');
  if (mine.proposed.trim() !== theirs.proposed.trim()) out.push('proposed');
  const measures = (d: ActionDraft) => d.measures.map((m) => m.trim()).filter(Boolean);
  if (!same(measures(mine), measures(theirs))) out.push('measures');
  if (
    mine.responsibility !== theirs.responsibility ||
    !same([...mine.organisationIds].sort(), [...theirs.organisationIds].sort()) ||
    !same([...mine.contactIds].sort(), [...theirs.contactIds].sort()) ||
    mine.responsibilityText.trim() !== theirs.responsibilityText.trim()
  ) {
    out.push('responsibility');
  }
  const milestones = (d: ActionDraft) =>
    d.milestones.filter((m) => m.date.precision !== 'none' || m.label.trim()).map(milestoneKey);
  if (!same(milestones(mine), milestones(theirs))) out.push('milestones');
  if (mine.notes.trim() !== theirs.notes.trim()) out.push('notes');
  return out;
}

/** Their value of a field, as the plan shows it. */
export function actionValue(field: DraftField, action: Action, recommendations: readonly Recommendation[]): string {
  switch (field) {
    case 'recommendation': {
      const rec = recommendations.find((r) => r.id === action.recommendation_id);
      const part = rec?.parts.find((p) => p.id === action.part_id);
      return `Recommendation ${action.recommendation_number}${part ? ` part ${part.label}` : ''}`;
    }
    case 'proposed':
      return action.proposed_actions || '(blank)';
    case 'measures':
      return action.success_measures.join('\n') || 'None given';
    case 'responsibility':
      return responsibility(action) || '(nobody)';
    case 'milestones':
      return action.milestones.map((m) => m.text).join('\n') || 'No date given';
    case 'notes':
      return action.status_notes || '(blank)';
  }
}
