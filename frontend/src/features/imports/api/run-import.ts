// The two imports: an action plan into a review, a progress update into a round. A dry run (the
// API's default) reads the file and reports; a commit writes, all or nothing unless told to skip
// the rejected rows. What is read is a chosen file (sent as a form) or text pasted from Word or
// Excel (sent as the text/plain body, which the API reads as it reads a TXT file).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, isProblem } from '@/api/problem';
import type { ImportOutcome, ImportProblem, ImportReport } from '@/api/types';

export type ImportKind = 'action-plan' | 'progress-update' | 'tracker';

export type ImportOptions = {
  /** Commit (false: the default dry run). */
  commit?: boolean;
  skipInvalid?: boolean;
  /** Why an agreed plan is amended (action plans only). */
  amendmentReason?: string;
  /**
   * Which proposed new contacts to create (action plans only): `all`, or names one per line. On a
   * dry run the report then reads as that commit would: their actions are guessed, not rejected.
   */
  createContacts?: string;
  /**
   * The import profile the file's columns are read through: required for a tracker; for an
   * action plan, one whose headings the importer does not recognise.
   */
  profileId?: string;
  idempotencyKey?: string;
};

/** A commit refused because rows are rejected (422 with the report); nothing was imported. */
export class ImportRejectedError extends ApiError {
  readonly report: ImportReport;
  constructor(problem: RejectedProblem) {
    super(422, problem);
    this.name = 'ImportRejectedError';
    this.report = problem.report;
  }
}

/** The 422 of a commit with rejected rows: the import problem with its report. */
type RejectedProblem = ImportProblem & { report: ImportReport };

function isImportProblem(value: unknown): value is RejectedProblem {
  return isProblem(value) && typeof (value as { report?: unknown }).report === 'object' && (value as { report?: unknown }).report !== null;
}

/**
 * What is imported: a file the user chose, or the text of a table pasted from Word or Excel
 * (tab-separated cells, rows on lines), exactly as pasted.
 */
export type ImportSource = { file: File; text?: never } | { text: string; file?: never };

/**
 * The file as the form's `file` part (its name tells the API the format).
 */
function formOf(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

/**
 * The request's body: a file as a multipart form; pasted text as itself, `text/plain` in UTF-8
 * (the API reads it as the text of a Word table, as it reads a TXT file).
 */
export function bodyOf(source: ImportSource) {
  if (source.file) {
    const file = source.file;
    return { body: '', bodySerializer: () => formOf(file) };
  }
  const text = source.text;
  return { body: text, bodySerializer: () => text, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
}

function request(kind: ImportKind, id: string, source: ImportSource, options: ImportOptions) {
  const query = {
    dry_run: !options.commit,
    ...(options.commit && options.skipInvalid ? { skip_invalid: true } : {}),
  };
  const header = options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {};
  const body = bodyOf(source);
  const reason = options.amendmentReason?.trim();
  const contacts = options.createContacts;
  const planQuery = {
    ...query,
    ...(reason ? { amendment_reason: reason } : {}),
    ...(contacts ? { create_contacts: contacts } : {}),
    ...(options.profileId ? { profile_id: options.profileId } : {}),
  };
  if (kind === 'tracker') {
    return api.POST('/api/v1/imports/tracker', {
      params: { query: { ...planQuery, profile_id: options.profileId ?? '' }, header },
      ...body,
    });
  }
  if (kind === 'action-plan') {
    return api.POST('/api/v1/reviews/{review_id}/imports/action-plan', {
      params: { path: { review_id: id }, query: planQuery, header },
      ...body,
    });
  }
  return api.POST('/api/v1/progress-rounds/{id}/imports/progress-update', {
    params: { path: { id }, query, header },
    ...body,
  });
}

/** Sends the file or the pasted text; the outcome, or an `ImportRejectedError` / `ApiError`. */
export async function runImport(
  kind: ImportKind,
  id: string,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const { data, error, response } = await request(kind, id, source, options);
  if (response.ok && data) return data;
  if (response.status === 422 && isImportProblem(error)) throw new ImportRejectedError(error);
  throw new ApiError(response.status, isProblem(error) ? error : null);
}

type Variables = { source: ImportSource; options?: ImportOptions };

/** A dry run or a commit; a commit refreshes every view of the review and its progress. */
export function useImport(kind: ImportKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ source, options }: Variables) => runImport(kind, id, source, options),
    onSuccess: async (outcome) => {
      if (outcome.import.state !== 'committed' || outcome.already_imported) return;
      // The review page (its recommendations and plan), the plan editor and every progress view.
      await Promise.all(
        [['reviews'], ['plans'], ['recommendations'], ['progress']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}
