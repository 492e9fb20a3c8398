// The two imports: an action plan into a review, a progress update into a round. A dry run (the
// API's default) reads the file and reports; a commit writes, all or nothing unless told to skip
// the rejected rows.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, isProblem } from '@/api/problem';
import type { ImportOutcome, ImportProblem, ImportReport } from '@/api/types';

export type ImportKind = 'action-plan' | 'progress-update';

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
 * The file as the form's `file` part (its name tells the API the format).
 */
function formOf(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

function request(kind: ImportKind, id: string, file: File, options: ImportOptions) {
  const query = {
    dry_run: !options.commit,
    ...(options.commit && options.skipInvalid ? { skip_invalid: true } : {}),
  };
  const header = options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {};
  const multipart = { body: '', bodySerializer: () => formOf(file) };
  if (kind === 'action-plan') {
    const reason = options.amendmentReason?.trim();
    const contacts = options.createContacts;
    const planQuery = {
      ...query,
      ...(reason ? { amendment_reason: reason } : {}),
      ...(contacts ? { create_contacts: contacts } : {}),
    };
    return api.POST('/api/v1/reviews/{review_id}/imports/action-plan', {
      params: { path: { review_id: id }, query: planQuery, header },
      ...multipart,
    });
  }
  return api.POST('/api/v1/progress-rounds/{id}/imports/progress-update', {
    params: { path: { id }, query, header },
    ...multipart,
  });
}

/** Sends the file; the outcome, or an `ImportRejectedError` / `ApiError`. */
export async function runImport(kind: ImportKind, id: string, file: File, options: ImportOptions = {}): Promise<ImportOutcome> {
  const { data, error, response } = await request(kind, id, file, options);
  if (response.ok && data) return data;
  if (response.status === 422 && isImportProblem(error)) throw new ImportRejectedError(error);
  throw new ApiError(response.status, isProblem(error) ? error : null);
}

type Variables = { file: File; options?: ImportOptions };

/** A dry run or a commit; a commit refreshes every view of the review and its progress. */
export function useImport(kind: ImportKind, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, options }: Variables) => runImport(kind, id, file, options),
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
