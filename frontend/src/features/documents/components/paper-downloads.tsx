// The downloads each page offers, ready to place: committee papers and spreadsheet exports.
import { documents, type ProgressEntriesExportQuery } from '../api/download';
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
export function DecisionRecordDownloads({ decisionId }: { decisionId: string }) {
  return (
    <DownloadList
      heading="Download the decision record"
      headingLevel={4}
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
}: {
  query: ProgressEntriesExportQuery;
  heading?: string;
}) {
  return (
    <DownloadList
      heading={heading}
      items={sheetDownloads('updates as a spreadsheet', (format) => documents.progressEntriesExport(format, query))}
    />
  );
}
