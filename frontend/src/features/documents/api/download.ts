// Files from the API. They need the Bearer token, so a plain `<a href>` cannot fetch them: the
// typed client asks for the bytes (`parseAs: 'blob'`), the name comes from Content-Disposition
// and the browser saves them through an object URL.
import { api } from '@/api/client';
import { ApiError, isProblem } from '@/api/problem';
import type { paths } from '@/api/schema';
import { fileNameFromContentDisposition } from '../lib/content-disposition';
import { saveFile } from '../lib/save-file';

/** The formats of a committee paper. */
export type PaperFormat = 'pdf' | 'docx' | 'html';
/** The formats of a spreadsheet export. */
export type SheetFormat = 'csv' | 'xlsx';

type BlobAnswer = { data?: Blob; error?: unknown; response: Response };

/** One file the API can give: how to ask for it, and a name for when the answer gives none. */
export type DownloadSource = {
  request: (signal?: AbortSignal) => Promise<BlobAnswer>;
  fallbackName: string;
};

type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type RecommendationsExportQuery = Query<'/api/v1/recommendations/export.{format}'>;
export type ActionsExportQuery = Query<'/api/v1/actions/export.{format}'>;
export type ProgressEntriesExportQuery = Query<'/api/v1/progress-entries/export.{format}'>;

/** Every file the app downloads, by what it is. */
export const documents = {
  actionPlanPaper: (reviewId: string, format: PaperFormat, appendix?: string): DownloadSource => ({
    fallbackName: `action-plan.${format}`,
    request: (signal) =>
      api.GET('/api/v1/reviews/{review_id}/papers/action-plan.{format}', {
        params: { path: { review_id: reviewId, format }, query: appendix ? { appendix } : {} },
        parseAs: 'blob',
        signal,
      }),
  }),
  decisionRecordPaper: (decisionId: string, format: PaperFormat): DownloadSource => ({
    fallbackName: `decision-record.${format}`,
    request: (signal) =>
      api.GET('/api/v1/decisions/{id}/papers/decision-record.{format}', {
        params: { path: { id: decisionId, format } },
        parseAs: 'blob',
        signal,
      }),
  }),
  progressUpdatePaper: (roundId: string, format: PaperFormat, appendix?: string): DownloadSource => ({
    fallbackName: `progress-update.${format}`,
    request: (signal) =>
      api.GET('/api/v1/progress-rounds/{id}/papers/progress-update.{format}', {
        params: { path: { id: roundId, format }, query: appendix ? { appendix } : {} },
        parseAs: 'blob',
        signal,
      }),
  }),
  responsePaper: (responseId: string, format: PaperFormat): DownloadSource => ({
    fallbackName: `statutory-response.${format}`,
    request: (signal) =>
      api.GET('/api/v1/statutory-responses/{id}/papers/response.{format}', {
        params: { path: { id: responseId, format } },
        parseAs: 'blob',
        signal,
      }),
  }),
  actionPlanExport: (reviewId: string, format: SheetFormat): DownloadSource => ({
    fallbackName: `action-plan.${format}`,
    request: (signal) =>
      api.GET('/api/v1/reviews/{review_id}/action-plan/export.{format}', {
        params: { path: { review_id: reviewId, format } },
        parseAs: 'blob',
        signal,
      }),
  }),
  recommendationsExport: (format: SheetFormat, query: RecommendationsExportQuery = {}): DownloadSource => ({
    fallbackName: `recommendations.${format}`,
    request: (signal) =>
      api.GET('/api/v1/recommendations/export.{format}', {
        params: { path: { format }, query },
        parseAs: 'blob',
        signal,
      }),
  }),
  actionsExport: (format: SheetFormat, query: ActionsExportQuery = {}): DownloadSource => ({
    fallbackName: `actions.${format}`,
    request: (signal) =>
      api.GET('/api/v1/actions/export.{format}', {
        params: { path: { format }, query },
        parseAs: 'blob',
        signal,
      }),
  }),
  progressEntriesExport: (format: SheetFormat, query: ProgressEntriesExportQuery = {}): DownloadSource => ({
    fallbackName: `progress-updates.${format}`,
    request: (signal) =>
      api.GET('/api/v1/progress-entries/export.{format}', {
        params: { path: { format }, query },
        parseAs: 'blob',
        signal,
      }),
  }),
  /** A calendar feed's dates as an .ics file, read with its address's token (no session needed). */
  calendarFeed: (token: string): DownloadSource => ({
    fallbackName: 'scrutiny-dates.ics',
    request: (signal) =>
      api.GET('/api/v1/calendar-feeds/{token}.ics', {
        params: { path: { token } },
        parseAs: 'blob',
        signal,
      }),
  }),
  attachment: (attachmentId: string, fileName: string): DownloadSource => ({
    fallbackName: fileName,
    request: (signal) =>
      api.GET('/api/v1/attachments/{id}/content', {
        params: { path: { id: attachmentId } },
        parseAs: 'blob',
        signal,
      }),
  }),
};

export type DownloadedFile = { blob: Blob; fileName: string };

/** Fetches the file; an `ApiError` (with the problem document) when the API refuses. */
export async function fetchFile(source: DownloadSource, signal?: AbortSignal): Promise<DownloadedFile> {
  const { data, error, response } = await source.request(signal);
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(
      response.status,
      isProblem(error) ? error : null,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  const fileName = fileNameFromContentDisposition(response.headers.get('Content-Disposition')) ?? source.fallbackName;
  return { blob: data ?? new Blob([]), fileName };
}

/** Fetches the file and saves it under the name the API gave it; answers that name. */
export async function downloadFile(source: DownloadSource, signal?: AbortSignal): Promise<string> {
  const { blob, fileName } = await fetchFile(source, signal);
  saveFile(blob, fileName);
  return fileName;
}
