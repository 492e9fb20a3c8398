// The downloads each page offers, ready to place: committee papers and spreadsheet exports.
import {
  documents,
  type ActionsExportQuery,
  type ProgressEntriesExportQuery,
  type RecommendationsExportQuery,
} from '../api/download';
import { DownloadList, paperDownloads, sheetDownloads } from './download-list';

/** The review's action plan as a committee paper (PDF, Word, HTML) and as a spreadsheet. */
export function ActionPlanDownloads({ reviewId }: { reviewId: string }) {
  return (
    <DownloadList
      heading="Download the action plan"
      items={[
        ...paperDownloads('action plan', (format) => documents.actionPlanPaper(reviewId, format)),
        ...sheetDownloads('action plan as a spreadsheet', (format) => documents.actionPlanExport(reviewId, format)),
      ]}
    />
  );
}

/** A Cabinet decision record in the council's proforma (PDF, Word, HTML). */
export function DecisionRecordDownloads({ decisionId, headingLevel = 4 }: { decisionId: string; headingLevel?: 2 | 3 | 4 }) {
  return (
    <DownloadList
      heading="Download the decision record"
      headingLevel={headingLevel}
      items={paperDownloads('decision record', (format) => documents.decisionRecordPaper(decisionId, format))}
    />
  );
}

/** A round's progress update as a committee paper (PDF, Word, HTML). */
export function ProgressUpdateDownloads({ roundId }: { roundId: string }) {
  return (
    <DownloadList
      heading="Download the progress update"
      headingLevel={2}
      items={paperDownloads('progress update', (format) => documents.progressUpdatePaper(roundId, format))}
    />
  );
}

/** A statutory response as a committee paper (PDF, Word, HTML). */
export function StatutoryResponseDownloads({ responseId }: { responseId: string }) {
  return (
    <DownloadList
      heading="Download the response"
      headingLevel={2}
      items={paperDownloads('response', (format) => documents.responsePaper(responseId, format))}
    />
  );
}

/** The progress updates a list shows, with its filters, as a spreadsheet. */
export function ProgressEntriesExport({
  query,
  heading = 'Download these updates',
  headingLevel = 3,
}: {
  query: ProgressEntriesExportQuery;
  heading?: string;
  headingLevel?: 2 | 3 | 4;
}) {
  return (
    <DownloadList
      heading={heading}
      headingLevel={headingLevel}
      items={sheetDownloads('updates as a spreadsheet', (format) => documents.progressEntriesExport(format, query))}
    />
  );
}

/** The recommendations a list shows, with its filters (not its page), as a spreadsheet. */
export function RecommendationsExport({
  query,
  heading = 'Download these recommendations',
  headingLevel = 2,
}: {
  query: RecommendationsExportQuery;
  heading?: string;
  headingLevel?: 2 | 3 | 4;
}) {
  return (
    <DownloadList
      heading={heading}
      headingLevel={headingLevel}
      items={sheetDownloads('recommendations as a spreadsheet', (format) => documents.recommendationsExport(format, query))}
    />
  );
}

/** The actions a list shows, with its filters (not its page), as a spreadsheet. */
export function ActionsExport({
  query,
  heading = 'Download these actions',
  headingLevel = 2,
}: {
  query: ActionsExportQuery;
  heading?: string;
  headingLevel?: 2 | 3 | 4;
}) {
  return (
    <DownloadList
      heading={heading}
      headingLevel={headingLevel}
      items={sheetDownloads('actions as a spreadsheet', (format) => documents.actionsExport(format, query))}
    />
  );
}
