// The responder's form: what the user typed, how it becomes a PATCH body, and where the API's
// fields are on the page.
import type { StatutoryResponse, UpdateStatutoryResponse, Verdict } from '@/api/types';
import { dateParts, isoDate, type DateParts } from '@/components/ui/form';
import type { FieldTarget, FormErrors } from '@/lib/problem-errors';

export type ItemDraft = {
  recommendation_id: string;
  verdict: Verdict | '';
  reasons: string;
  proposed_action: string;
};

/** The council's staff also correct who responds and the period. */
export type DetailsDraft = {
  responder_name: string;
  report_received_on: DateParts;
  due_on: DateParts;
};

export type ResponseDraft = {
  summary: string;
  items: ItemDraft[];
  details: DetailsDraft;
};

export function draftOf(response: StatutoryResponse): ResponseDraft {
  return {
    summary: response.summary ?? '',
    items: response.items.map((item) => ({
      recommendation_id: item.recommendation_id,
      verdict: item.verdict ?? '',
      reasons: item.reasons ?? '',
      proposed_action: item.proposed_action ?? '',
    })),
    details: {
      responder_name: response.responder_name,
      report_received_on: dateParts(response.report_received_on),
      due_on: dateParts(response.due_on),
    },
  };
}

function orNull(text: string): string | null {
  return text.trim() ? text.trim() : null;
}

/** The ids of the fields of recommendation `n` (from 1) in the form. */
export const itemIds = (n: number) => ({
  verdict: `item-${n}-verdict`,
  reasons: `item-${n}-reasons`,
  proposed_action: `item-${n}-proposed_action`,
});

/**
 * The PATCH body: the summary and every answer; for staff, the details they changed from `base`
 * (the record as the form loaded it). A changed day the report was received moves the due day,
 * unless the due day was changed too. Client-side problems (a day that does not exist) come back
 * as errors by their fields.
 */
export function patchBody(
  draft: ResponseDraft,
  base: StatutoryResponse,
  staff: boolean,
): { body: UpdateStatutoryResponse; errors: { id: string; text: string }[] } {
  const body: UpdateStatutoryResponse = {
    summary: orNull(draft.summary),
    items: draft.items.map((item) => ({
      recommendation_id: item.recommendation_id,
      verdict: item.verdict || null,
      reasons: orNull(item.reasons),
      proposed_action: orNull(item.proposed_action),
    })),
  };
  const errors: { id: string; text: string }[] = [];
  if (!staff) return { body, errors };
  const name = draft.details.responder_name.trim();
  if (name !== base.responder_name) {
    if (!name) errors.push({ id: 'responder_name', text: "Responder's name: enter the name the papers use" });
    else body.responder_name = name;
  }
  const received = isoDate(draft.details.report_received_on);
  if (received === 'invalid' || received === null) {
    errors.push({ id: 'report_received_on-day', text: 'Report received: enter a real date, for example 20 1 2022' });
  } else if (received !== base.report_received_on) {
    body.report_received_on = received;
  }
  const due = isoDate(draft.details.due_on);
  if (due === 'invalid' || due === null) {
    errors.push({ id: 'due_on-day', text: 'Due: enter a real date, for example 20 3 2022' });
  } else if (due !== base.due_on) {
    body.due_on = due;
  }
  return { body, errors };
}

const FIELDS: Record<string, FieldTarget> = {
  summary: { id: 'summary', label: 'Summary' },
  responder_name: { id: 'responder_name', label: "Responder's name" },
  report_received_on: { id: 'report_received_on-day', label: 'Report received' },
  due_on: { id: 'due_on-day', label: 'Due' },
  received_on: { id: 'received_on-day', label: 'Date received' },
  published_on: { id: 'published_on-day', label: 'Date published' },
};

/** Where an API field of a response is in the form: `items[i].verdict` is recommendation i + 1's. */
export function locateField(response: StatutoryResponse, field: string): FieldTarget | undefined {
  const known = FIELDS[field];
  if (known) return known;
  const m = /^items\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (!m) return undefined;
  const index = Number(m[1]);
  const item = response.items[index];
  if (!item) return undefined;
  const ids = itemIds(index + 1);
  const which = m[2] === 'reasons' ? 'reasons' : m[2] === 'proposed_action' ? 'proposed_action' : 'verdict';
  const words = { verdict: 'response', reasons: 'reasons', proposed_action: 'proposed action' }[which];
  return { id: ids[which], label: `Recommendation ${item.recommendation_number}, ${words}` };
}

/**
 * The API names the recommendation in its own messages ("recommendation 2: give the reasons…");
 * after a label that already names it, once is enough.
 */
export function withoutRepeats(errors: FormErrors): FormErrors {
  const tidy = (text: string) => text.replace(/^(Recommendation (\S+), [^:]+): recommendation \2: /, '$1: ');
  return {
    fields: Object.fromEntries(Object.entries(errors.fields).map(([id, text]) => [id, tidy(text)])),
    summary: errors.summary.map((e) => ({ ...e, text: tidy(e.text) })),
  };
}
