import { DownloadButton } from '@/features/documents/components/download-list';
import { openRecommendationsCsv, openRecommendationsCsvPath } from '../api/open-data';

/**
 * The published recommendations as a spreadsheet (CSV), of one council or of all, and the
 * address of the same data for people who load it into their own tools.
 */
export function OpenDataDownload({ councilId, councilName }: { councilId?: string; councilName?: string }) {
  const whose = councilName ? `${councilName}'s` : councilId ? "this council's" : "every council's";
  const address = `${globalThis.location?.origin ?? ''}${openRecommendationsCsvPath(councilId)}`;
  return (
    <>
      <h2 className="govuk-heading-l">Download the data</h2>
      <p className="govuk-body">
        {`The recommendations of ${whose} published reviews, with the latest grade the committee accepted for each, as a spreadsheet: `}
        <DownloadButton what="published recommendations (CSV)" source={() => openRecommendationsCsv(councilId)}>
          download the recommendations (CSV)
        </DownloadButton>
        .
      </p>
      <p className="govuk-body">
        To load the same data into your own tools, use its address:{' '}
        <a className="govuk-link app-break-anywhere" href={address}>
          {address}
        </a>
        . It is open data: anyone may use it. The{' '}
        <a className="govuk-link" href="/api/docs/">
          API documentation
        </a>{' '}
        describes the rest of it.
      </p>
    </>
  );
}
