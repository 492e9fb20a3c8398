// What is imported (a chosen file, or text pasted from Word or Excel), how the pages name it, and
// the errors the API gives about it, against the control it came from.
import { ApiError } from '@/api/problem';
import { problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import type { ImportKind, ImportSource } from '../api/run-import';

/** How the user gives what is imported: a file, or a table pasted from Word or Excel. */
export type Mode = 'file' | 'paste';

/** The pasting's words: an action plan or a tracker is one table; a progress update is the paper's whole text. */
export type PasteWords = {
  /** The radio: "Paste a table". */
  option: string;
  /** The text box's label. */
  label: string;
  hint: string;
  /** The error when the box is empty. */
  empty: string;
  /** What the user pasted, in a sentence: "table", "text". */
  noun: string;
};

export const PASTE: Record<ImportKind, PasteWords> = {
  'action-plan': {
    option: 'Paste a table',
    label: 'Paste the table',
    hint: 'Copy the table in Word, then paste it here: the header row and every row below it.',
    empty: 'Paste the table to import',
    noun: 'table',
  },
  'progress-update': {
    option: 'Paste the text',
    label: 'Paste the progress update',
    hint:
      'Select the whole progress update in Word and copy it, then paste it here: from the Review line to the grading key at the end.',
    empty: 'Paste the progress update to import',
    noun: 'text',
  },
  tracker: {
    option: 'Paste a table',
    label: 'Paste the tracker',
    hint: 'Select the tracker’s cells in Excel (or its table in Word) and copy them, then paste them here: the header row and every row below it.',
    empty: 'Paste the tracker to import',
    noun: 'table',
  },
};

/** The text box pasted into: where the API's field `file` is when the text was pasted. */
export function pastedField(kind: ImportKind): FieldTarget {
  return { id: 'pasted', label: `Pasted ${PASTE[kind].noun}` };
}

export const SOURCE_FIELDS: Record<string, FieldTarget> = {
  file: { id: 'file', label: 'File' },
  amendment_reason: { id: 'amendment_reason', label: 'Why the agreed plan is amended' },
  skip_invalid: { id: 'skip_invalid', label: 'Rows with errors' },
  profile_id: { id: 'profile_id', label: 'Column mapping' },
};

/**
 * A file (or pasted text) the API refused outright (wrong type, too large, unreadable): said
 * against the file field, or against the text box (`pasted`) when the text was pasted.
 */
export function fileErrors(error: unknown, pasted: FieldTarget | null): FormErrors {
  const target = pasted ?? SOURCE_FIELDS.file!;
  const against = (message: string): FormErrors => {
    const text = `${target.label}: ${message.trim()}`;
    return { fields: { [target.id]: text }, summary: [{ field: target.id, text }] };
  };
  if (error instanceof ApiError && (error.status === 413 || error.status === 415)) {
    return against(
      error.problem?.detail ??
        (error.status === 413 ? 'is too large' : `is not a kind of ${pasted ? 'text' : 'file'} that can be imported`),
    );
  }
  if (error instanceof ApiError && error.status === 422 && !error.problem?.errors?.length && error.problem?.detail) {
    return against(error.problem.detail);
  }
  return problemErrors(error, (field) => (pasted && field === 'file' ? pasted : SOURCE_FIELDS[field]));
}

/** Errors the API gave about what was sent: against the file input, or the text box. */
export function sourceErrors(error: unknown, source: ImportSource, kind: ImportKind): FormErrors {
  return fileErrors(error, source.file ? null : pastedField(kind));
}

/**
 * The API could not find the action plan's header row (a 422 naming the field `file`): its columns
 * can be mapped by hand instead, through an action plan profile.
 */
export function isNoHeader(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 422 || !error.problem) return false;
  const fields = error.problem.errors ?? [];
  const said = [error.problem.detail ?? '', ...fields.filter((f) => f.field === 'file').map((f) => f.message)];
  return said.some((text) => /no recognisable header/i.test(text));
}

/** How the report and the steps name what is imported. */
export type Named = {
  /** "file", or the paste's noun: "table". */
  noun: string;
  /** "plan.csv", or "the table you pasted". */
  name: string;
};

export function named(source: ImportSource, kind: ImportKind): Named {
  if (source.file) return { noun: 'file', name: source.file.name };
  const { noun } = PASTE[kind];
  return { noun, name: `the ${noun} you pasted` };
}

export function characters(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'character' : 'characters'}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the user chose to send, or the error to show against the empty control. */
export function sourceOf(
  mode: Mode,
  file: File | null,
  pasted: string,
  words: PasteWords,
): { source: ImportSource } | { errors: FormErrors } {
  if (mode === 'paste') {
    if (!pasted.trim()) return { errors: { fields: { pasted: words.empty }, summary: [{ field: 'pasted', text: words.empty }] } };
    return { source: { text: pasted } };
  }
  if (!file) {
    const text = 'Select a file to import';
    return { errors: { fields: { file: text }, summary: [{ field: 'file', text }] } };
  }
  return { source: { file } };
}
