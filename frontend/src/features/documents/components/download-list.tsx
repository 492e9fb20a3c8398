import { useId, type ReactNode } from 'react';
import type { DownloadSource, PaperFormat, SheetFormat } from '../api/download';
import { downloadStatus, useDownload } from './use-download';

export type DownloadItem = {
  /** The control's accessible name: "Download the progress update (PDF)". */
  label: string;
  /** What it is, for messages: "progress update (PDF)". */
  what: string;
  source: () => DownloadSource;
};

const PAPER_FORMATS: readonly { format: PaperFormat; name: string }[] = [
  { format: 'pdf', name: 'PDF' },
  { format: 'docx', name: 'Word' },
  { format: 'html', name: 'HTML' },
];

const SHEET_FORMATS: readonly { format: SheetFormat; name: string }[] = [
  { format: 'csv', name: 'CSV' },
  { format: 'xlsx', name: 'Excel' },
];

/** A committee paper in PDF, Word and HTML: "Download the progress update (PDF)"… */
export function paperDownloads(what: string, source: (format: PaperFormat) => DownloadSource): DownloadItem[] {
  return PAPER_FORMATS.map(({ format, name }) => ({
    label: `Download the ${what} (${name})`,
    what: `${what} (${name})`,
    source: () => source(format),
  }));
}

/** A spreadsheet in CSV and Excel: "Download the action plan as a spreadsheet (CSV)"… */
export function sheetDownloads(what: string, source: (format: SheetFormat) => DownloadSource): DownloadItem[] {
  return SHEET_FORMATS.map(({ format, name }) => ({
    label: `Download the ${what} (${name})`,
    what: `${what} (${name})`,
    source: () => source(format),
  }));
}

function ErrorLine({ id, message }: { id: string; message: string }) {
  return (
    <p className="govuk-error-message" id={id} role="alert">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

type ListProps = {
  items: readonly DownloadItem[];
  /** A heading above the list, e.g. "Download the action plan". */
  heading?: string;
  headingLevel?: 2 | 3 | 4;
  className?: string;
};

/**
 * Files the API makes (committee papers, spreadsheets), each a button that fetches the file with
 * the user's token and saves it. One at a time; a failure says why above the list.
 */
export function DownloadList({ items, heading, headingLevel = 3, className }: ListProps) {
  const { state, start } = useDownload();
  const id = useId();
  const errorId = `${id}-error`;
  const Heading = `h${headingLevel}` as const;
  const busy = state.kind === 'busy';
  return (
    <div className={`app-downloads${className ? ` ${className}` : ''}`} aria-busy={busy || undefined}>
      {heading ? <Heading className="govuk-heading-s">{heading}</Heading> : null}
      {state.kind === 'failed' ? <ErrorLine id={errorId} message={state.message} /> : null}
      <ul className="govuk-list app-downloads__list">
        {items.map((item) => {
          const active = state.kind !== 'idle' && state.key === item.label;
          return (
            <li key={item.label}>
              <button
                type="button"
                className="govuk-link app-link-button"
                aria-disabled={busy || undefined}
                aria-describedby={active && state.kind === 'failed' ? errorId : undefined}
                onClick={() => void start(item.label, item.what, item.source())}
              >
                {item.label}
              </button>
              {active && busy ? (
                <span className="govuk-body-s app-secondary-text" aria-hidden="true">
                  {' '}
                  Preparing…
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {/* There from the start, so that screen readers announce what changes in it. */}
      <p className="govuk-visually-hidden" role="status">
        {downloadStatus(state)}
      </p>
    </div>
  );
}

type ButtonProps = {
  /** The visible words, e.g. "Download". */
  children: ReactNode;
  /** Read after the visible words, e.g. the file's name: "Download Appendix 2.pdf". */
  hiddenSuffix?: string;
  what: string;
  source: () => DownloadSource;
};

/** One download, as a link-styled button, with its own busy state and error. */
export function DownloadButton({ children, hiddenSuffix, what, source }: ButtonProps) {
  const { state, start } = useDownload();
  const id = useId();
  const errorId = `${id}-error`;
  const busy = state.kind === 'busy';
  return (
    <>
      {state.kind === 'failed' ? <ErrorLine id={errorId} message={state.message} /> : null}
      <button
        type="button"
        className="govuk-link app-link-button"
        aria-disabled={busy || undefined}
        aria-describedby={state.kind === 'failed' ? errorId : undefined}
        onClick={() => void start(what, what, source())}
      >
        {children}
        {hiddenSuffix ? (
          <>
            {' '}
            <span className="govuk-visually-hidden">{hiddenSuffix}</span>
          </>
        ) : null}
      </button>
      {busy ? (
        <span className="govuk-body-s app-secondary-text" aria-hidden="true">
          {' '}
          Preparing…
        </span>
      ) : null}
      <span className="govuk-visually-hidden" role="status">
        {downloadStatus(state)}
      </span>
    </>
  );
}
