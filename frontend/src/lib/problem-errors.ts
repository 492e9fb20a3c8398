// A failed request as a GOV.UK error summary: each field of a 422 linked to its control, with
// the API's message after the field's label; anything else as one line about the whole form.
import { ApiError } from '@/api/problem';
import type { ErrorItem } from '@/components/ui/error-summary';

/** Where an API field is on the page: the control's id and the label a user sees. */
export type FieldTarget = { id: string; label: string };

export type FormErrors = {
  /** Messages by control id, for the messages next to the fields. */
  fields: Record<string, string>;
  summary: ErrorItem[];
};

export const NO_ERRORS: FormErrors = { fields: {}, summary: [] };

/**
 * The field's label, then the API's message as it gives it: "Evidence of progress: is required:
 * describe the progress made". The same words as the API's documentation and other clients see.
 */
export function fieldMessage(label: string, message: string): string {
  return `${label}: ${message.trim()}`;
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The errors to show for a failed request. `locate` finds a 422 field on the page. */
export function problemErrors(error: unknown, locate: (field: string) => FieldTarget | undefined): FormErrors {
  if (error instanceof ApiError) {
    const problem = error.problem;
    if (error.status === 422 && problem?.errors?.length) {
      const fields: Record<string, string> = {};
      const summary: ErrorItem[] = [];
      for (const { field, message } of problem.errors) {
        const target = locate(field);
        const text = target ? fieldMessage(target.label, message) : fieldMessage(field, message);
        if (target) fields[target.id] ??= text;
        summary.push(target ? { field: target.id, text } : { text });
      }
      return { fields, summary };
    }
    if (error.status === 409 || error.status === 422 || error.status === 400) {
      return { fields: {}, summary: [{ text: sentence(problem?.detail ?? problem?.title ?? 'That cannot be done now') }] };
    }
    if (error.status === 403) {
      return { fields: {}, summary: [{ text: 'You do not have permission to do that.' }] };
    }
    if (error.status === 404) {
      return { fields: {}, summary: [{ text: 'It no longer exists, or you can no longer see it.' }] };
    }
    if (error.status === 503 || error.status === 429) {
      return { fields: {}, summary: [{ text: 'The service is busy. Try again in a few minutes.' }] };
    }
    const reference = problem?.request_id ? ` (reference ${problem.request_id})` : '';
    return {
      fields: {},
      summary: [{ text: `Sorry, there is a problem with the service${reference}. Try again later.` }],
    };
  }
  return {
    fields: {},
    summary: [{ text: 'The service could not be reached. Check your connection and try again.' }],
  };
}
