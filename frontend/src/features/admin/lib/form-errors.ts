import type { FormErrors } from '@/lib/problem-errors';

/** Errors found before sending, each linked to its control. */
export function clientErrors(found: readonly { id: string; text: string }[]): FormErrors {
  const fields: Record<string, string> = {};
  for (const { id, text } of found) fields[id] ??= text;
  return { fields, summary: found.map(({ id, text }) => ({ field: id, text })) };
}

/** The fields of `after` that differ from `before`: what a PATCH should send. */
export function changedFields<T extends object>(before: Partial<T>, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== before[key]) out[key] = after[key];
  }
  return out;
}

/** Blank text as `null`, for the API's optional fields ("blank means none"). */
export function orNull(value: string): string | null {
  const t = value.trim();
  return t ? t : null;
}
