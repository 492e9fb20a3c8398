import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@/api/problem';
import type { ImportIssue, ImportOutcome } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Checkboxes, ErrorMessage, Textarea } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag, type TagColour } from '@/components/ui/tag';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { ImportRejectedError, useImport, type ImportKind } from '../api/run-import';
import { createContactsParam, proposedNames, sameChoice } from '../lib/contacts';
import { resultCounts, resultLine, summariseParsed, type ParsedSummary } from '../lib/parsed';
import { NewContacts } from './new-contacts';

export type ImportWizardProps = {
  kind: ImportKind;
  /** The review (action plans) or the round (progress updates) the file goes into. */
  targetId: string;
  /** What is imported, in a sentence: "action plan", "progress update". */
  subject: string;
  /** Above the heading: where it goes, e.g. the review's title as a link. */
  caption?: ReactNode;
  /** The file input's `accept`. */
  accept: string;
  /** What files the API reads, under the file label. */
  fileHint: ReactNode;
  /** Where the user goes when done or when giving up. */
  back: { to: string; text: string };
  /** The review's plan is agreed: a commit that adds actions amends it and needs a reason. */
  planAgreed?: boolean;
};

/**
 * `contacts`: the proposed new contacts (names) the dry run that gave `outcome` was asked to
 * create, so its report reads as a commit creating them would; the commit asks for the same.
 * `rechecked`: the outcome is a dry run made again for a new choice of contacts.
 */
type Step =
  | { step: 'choose' }
  | { step: 'check'; file: File; outcome: ImportOutcome; contacts: readonly string[]; rechecked?: boolean }
  | { step: 'confirm'; file: File; outcome: ImportOutcome; contacts: readonly string[] }
  | { step: 'done'; outcome: ImportOutcome; skipped: number };

const FIELDS: Record<string, FieldTarget> = {
  file: { id: 'file', label: 'File' },
  amendment_reason: { id: 'amendment_reason', label: 'Why the agreed plan is amended' },
  skip_invalid: { id: 'skip_invalid', label: 'Rows with errors' },
};

function locate(field: string): FieldTarget | undefined {
  return FIELDS[field];
}

/** A file the API refused outright (wrong type, too large, unreadable): said against the file field. */
function fileErrors(error: unknown): FormErrors {
  if (error instanceof ApiError && (error.status === 413 || error.status === 415)) {
    const text = `File: ${(error.problem?.detail ?? (error.status === 413 ? 'is too large' : 'is not a kind of file that can be imported')).trim()}`;
    return { fields: { file: text }, summary: [{ field: 'file', text }] };
  }
  if (error instanceof ApiError && error.status === 422 && !error.problem?.errors?.length && error.problem?.detail) {
    const text = `File: ${error.problem.detail.trim()}`;
    return { fields: { file: text }, summary: [{ field: 'file', text }] };
  }
  return problemErrors(error, locate);
}

const SEVERITY: Record<string, { label: string; colour: TagColour }> = {
  rejected: { label: 'Cannot be imported', colour: 'red' },
  guessed: { label: 'Check', colour: 'yellow' },
  skipped: { label: 'Skipped', colour: 'grey' },
};

function severityOf(issue: ImportIssue) {
  return SEVERITY[issue.severity] ?? { label: issue.severity, colour: 'grey' as TagColour };
}

function issueId(index: number): string {
  return `import-issue-${index + 1}`;
}

function issueWhere(issue: ImportIssue): string {
  const row = issue.row ? `Row ${issue.row}` : 'The whole file';
  return issue.column ? `${row}, ${issue.column}` : row;
}

/** The rejected rows, as an error summary whose links go to their rows in the report. */
function rejectedSummary(issues: readonly ImportIssue[]) {
  return issues.flatMap((issue, i) =>
    issue.severity === 'rejected' ? [{ field: issueId(i), text: `${issueWhere(issue)}: ${issue.reason}` }] : [],
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="app-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function ParsedTable({ kind, parsed }: { kind: ImportKind; parsed: ParsedSummary }) {
  if (parsed.rows.length === 0) return <p className="govuk-body">No recommendations were found in the file.</p>;
  const plan = kind === 'action-plan';
  const caption = `Recommendations in the file (${parsed.rows.length})`;
  return (
    <ScrollTable label={caption}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              No.
            </th>
            <th scope="col" className="govuk-table__header">
              Recommendation
            </th>
            <th scope="col" className="govuk-table__header">
              Parts
            </th>
            {plan ? (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Actions
              </th>
            ) : (
              <th scope="col" className="govuk-table__header">
                Grade
              </th>
            )}
            {plan ? null : (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Key figures
              </th>
            )}
            <th scope="col" className="govuk-table__header">
              Responsibility
            </th>
            <th scope="col" className="govuk-table__header">
              Date
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {parsed.rows.map((row, i) => (
            <tr className="govuk-table__row" key={`${row.number}-${i}`}>
              <th scope="row" className="govuk-table__header">
                {row.number}
              </th>
              <td className="govuk-table__cell app-pre-line">{row.text}</td>
              <td className="govuk-table__cell">{row.parts.length ? row.parts.map((p) => `${p})`).join(' ') : 'None'}</td>
              {plan ? (
                <td className="govuk-table__cell govuk-table__cell--numeric">{row.actions}</td>
              ) : (
                <td className="govuk-table__cell">{row.grade || 'Not given'}</td>
              )}
              {plan ? null : <td className="govuk-table__cell govuk-table__cell--numeric">{row.keyFigures}</td>}
              <td className="govuk-table__cell">{row.responsibility}</td>
              <td className="govuk-table__cell">{row.dates}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function IssuesTable({ issues }: { issues: readonly ImportIssue[] }) {
  if (issues.length === 0) return <p className="govuk-body">No problems were found in the file.</p>;
  const caption = `Row report: ${plural(issues.length, 'problem', 'problems')} found`;
  const guessed = issues.some((i) => i.severity === 'guessed');
  return (
    <>
      {guessed ? (
        <p className="govuk-body">
          Rows marked ‘Check’ are imported as the ‘Why’ column says, for example a cell read as more than one person,
          or a person created as a new contact. Make sure each one is right before you import.
        </p>
      ) : null}
      <ScrollTable label={caption}>
        <table className="govuk-table app-import-report">
          <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Row
              </th>
              <th scope="col" className="govuk-table__header">
                Column
              </th>
              <th scope="col" className="govuk-table__header">
                Value
              </th>
              <th scope="col" className="govuk-table__header">
                Outcome
              </th>
              <th scope="col" className="govuk-table__header">
                Why
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {issues.map((issue, i) => {
              const severity = severityOf(issue);
              return (
                <tr className="govuk-table__row" key={issueId(i)} id={issueId(i)} tabIndex={-1}>
                  <td className="govuk-table__cell">{issue.row ?? 'Whole file'}</td>
                  <td className="govuk-table__cell">{issue.column ?? ''}</td>
                  <td className="govuk-table__cell app-pre-line">{issue.value}</td>
                  <td className="govuk-table__cell">
                    <Tag colour={severity.colour}>{severity.label}</Tag>
                  </td>
                  <td className="govuk-table__cell">{issue.reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

/**
 * Importing a file in three steps: choose it; check what the API read and its row report (a dry
 * run: nothing is written); confirm, all or nothing or skipping the rows with errors. Then a
 * panel says what was done and links back.
 */
export function ImportWizard({ kind, targetId, subject, caption, accept, fileHint, back, planAgreed = false }: ImportWizardProps) {
  const [state, setState] = useState<Step>({ step: 'choose' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [reason, setReason] = useState('');
  /** The proposed new contacts ticked (all, when the file is first checked). */
  const [ticked, setTicked] = useState<string[]>([]);
  const mutation = useImport(kind, targetId);
  const heading = useRef<HTMLHeadingElement>(null);
  const recheckedStatus = useRef<HTMLParagraphElement>(null);
  const busy = mutation.isPending;
  const Subject = subject.charAt(0).toUpperCase() + subject.slice(1);

  // Each step's heading takes focus, unless an error summary does.
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    const active = document.activeElement;
    if (active?.classList.contains('govuk-error-summary')) return;
    heading.current?.focus();
  }, [state.step]);

  // After checking again, the outcome (next to the choice that asked for it) takes focus.
  useEffect(() => {
    if (state.step === 'check' && state.rechecked) recheckedStatus.current?.focus();
  }, [state]);

  // The rejected rows as the error summary: the same list until the report changes (the summary
  // takes focus whenever its list changes, so not on every tick of a checkbox).
  const reportIssues = state.step === 'check' ? state.outcome.report.issues : null;
  const rejectedErrors = useMemo(() => (reportIssues ? rejectedSummary(reportIssues) : []), [reportIssues]);

  function checkFile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      const text = 'Select a file to import';
      setErrors({ fields: { file: text }, summary: [{ field: 'file', text }] });
      return;
    }
    // Action plans: every proposed new contact starts ticked, so the first dry run asks for all of
    // them and its report reads as that commit would.
    const plan = kind === 'action-plan';
    mutation.mutate(
      { file, options: plan ? { createContacts: 'all' } : {} },
      {
        onSuccess: (outcome) => {
          const names = plan ? proposedNames(outcome.proposed_contacts) : [];
          setErrors(NO_ERRORS);
          setSkipInvalid(false);
          setTicked(names);
          setState({ step: 'check', file, outcome, contacts: names });
        },
        onError: (error) => setErrors(fileErrors(error)),
      },
    );
  }

  /** The dry run again, for the contacts now ticked: the report then reads as the commit would. */
  function checkAgain() {
    if (busy || state.step !== 'check') return;
    const { file: chosen, outcome: checked } = state;
    const names = proposedNames(checked.proposed_contacts).filter((name) => ticked.includes(name));
    mutation.mutate(
      { file: chosen, options: { createContacts: createContactsParam(checked.proposed_contacts, names) } },
      {
        onSuccess: (outcome) => {
          setErrors(NO_ERRORS);
          setSkipInvalid(false);
          setState({ step: 'check', file: chosen, outcome, contacts: names, rechecked: true });
        },
        onError: (error) => {
          const detail = error instanceof ApiError ? error.problem?.detail ?? error.problem?.title : null;
          setErrors({
            fields: {},
            summary: [{ text: `The file could not be checked again${detail ? `: ${detail.trim()}` : ''}. Try again.` }],
          });
        },
      },
    );
  }

  function commit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || state.step !== 'confirm') return;
    if (planAgreed && kind === 'action-plan' && !reason.trim()) {
      const text = 'Say why the agreed action plan is being amended';
      setErrors({ fields: { amendment_reason: text }, summary: [{ field: 'amendment_reason', text }] });
      return;
    }
    const { file: chosen, outcome: checked, contacts } = state;
    const skip = skipInvalid && checked.report.rows_rejected > 0;
    const plan = kind === 'action-plan';
    mutation.mutate(
      {
        file: chosen,
        options: {
          commit: true,
          skipInvalid: skip,
          amendmentReason: plan ? reason : undefined,
          createContacts: plan ? createContactsParam(checked.proposed_contacts, contacts) : undefined,
          idempotencyKey: crypto.randomUUID(),
        },
      },
      {
        onSuccess: (outcome) => {
          setErrors(NO_ERRORS);
          setState({ step: 'done', outcome, skipped: skip ? outcome.report.rows_rejected : 0 });
        },
        onError: (error) => {
          if (error instanceof ImportRejectedError) {
            // All or nothing: back to the report, as the commit found it.
            setErrors({
              fields: {},
              summary: [
                { text: `Nothing was imported. ${error.problem?.detail ?? 'The file has rows that cannot be imported.'}` },
                ...rejectedSummary(error.report.issues),
              ],
            });
            setState({ step: 'check', file: chosen, outcome: { ...checked, report: error.report }, contacts });
            return;
          }
          setErrors(fileErrors(error));
        },
      },
    );
  }

  function startAgain() {
    setErrors(NO_ERRORS);
    setFile(null);
    setReason('');
    setSkipInvalid(false);
    setTicked([]);
    setState({ step: 'choose' });
  }

  const titleError = errors.summary.length > 0;
  const headingProps = { className: 'govuk-heading-l', ref: heading, tabIndex: -1 } as const;

  if (state.step === 'done') {
    const { outcome, skipped } = state;
    const lines = resultCounts(outcome.import.result).map(resultLine);
    return (
      <>
        <PageTitle title={outcome.already_imported ? `${Subject} already imported` : `${Subject} imported`} />
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title" ref={heading} tabIndex={-1}>
            {outcome.already_imported ? `${Subject} already imported` : `${Subject} imported`}
          </h1>
          <div className="govuk-panel__body">
            {outcome.already_imported
              ? 'This file was imported before. Nothing was changed.'
              : `${plural(outcome.report.rows_read - skipped, 'row', 'rows')} imported`}
          </div>
        </div>
        {lines.length > 0 && !outcome.already_imported ? (
          <ul className="govuk-list govuk-list--bullet">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
        {skipped > 0 ? (
          <p className="govuk-body">
            {plural(skipped, 'row with errors was', 'rows with errors were')} not imported. Correct them in the file and
            import it again, or add them by hand.
          </p>
        ) : null}
        <p className="govuk-body">
          <Link to={back.to}>{back.text}</Link>
        </p>
      </>
    );
  }

  if (state.step === 'check') {
    const { outcome } = state;
    const parsed = summariseParsed(outcome.parsed);
    const { report } = outcome;
    const warnings = report.issues.filter((i) => i.severity !== 'rejected').length;
    const importable = report.rows_read > report.rows_rejected;
    const summary = errors.summary.length > 0 ? errors.summary : rejectedErrors;
    const proposals = outcome.proposed_contacts;
    // The ticks changed since this report was made: it no longer says what a commit would do.
    const stale = !sameChoice(proposals, ticked, state.contacts);
    return (
      <>
        <PageTitle title={`Check the ${subject} before importing`} error={report.rows_rejected > 0} />
        <ErrorSummary
          errors={summary}
          title={errors.summary.length > 0 ? 'There is a problem' : 'Some rows cannot be imported'}
        />
        {caption ? <span className="govuk-caption-l">{caption}</span> : null}
        <h1 {...headingProps}>Check the {subject} before importing</h1>
        <p className="govuk-body">Nothing has been imported yet. This is what was read from {state.file.name}.</p>
        {outcome.already_imported ? (
          <div className="govuk-inset-text">This file has been imported before. Importing it again changes nothing.</div>
        ) : null}
        <SummaryList
          rows={[
            { key: 'File', value: state.file.name },
            { key: 'Read as', value: outcome.import.format.toUpperCase() },
            ...(parsed.title ? [{ key: 'Title', value: parsed.title }] : []),
            ...(parsed.roundLabel ? [{ key: 'Progress update for', value: parsed.roundLabel }] : []),
            { key: 'Rows read', value: String(report.rows_read) },
            { key: 'Recommendations', value: String(parsed.rows.length) },
            ...(kind === 'action-plan' ? [{ key: 'Actions', value: String(parsed.actions) }] : []),
            { key: 'Rows that cannot be imported', value: String(report.rows_rejected) },
            { key: 'Warnings to check', value: String(warnings) },
          ]}
        />
        <ParsedTable kind={kind} parsed={parsed} />
        <IssuesTable issues={report.issues} />
        <NewContacts proposals={proposals} values={ticked} onChange={setTicked} />
        {stale ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              You changed the new contacts to create. Check the file again to see what would be imported.
            </strong>
          </div>
        ) : state.rechecked ? (
          <p className="govuk-body" role="status" ref={recheckedStatus} tabIndex={-1}>
            Checked again with the new contacts you chose:{' '}
            {report.rows_rejected > 0
              ? `${plural(report.rows_rejected, 'row cannot', 'rows cannot')} be imported.`
              : 'every row can be imported.'}
          </p>
        ) : null}
        <div className="govuk-button-group">
          {stale ? (
            <button type="button" className="govuk-button" disabled={busy} onClick={checkAgain}>
              Check again
            </button>
          ) : importable ? (
            <button
              type="button"
              className="govuk-button"
              onClick={() => {
                setErrors(NO_ERRORS);
                setState({ step: 'confirm', file: state.file, outcome, contacts: state.contacts });
              }}
            >
              Continue
            </button>
          ) : null}
          <button type="button" className="govuk-button govuk-button--secondary" onClick={startAgain}>
            Choose a different file
          </button>
        </div>
        {busy ? (
          <p className="govuk-body" role="status">
            Checking the file again…
          </p>
        ) : null}
      </>
    );
  }

  if (state.step === 'confirm') {
    const { report } = state.outcome;
    const rejected = report.rows_rejected;
    const needsReason = planAgreed && kind === 'action-plan';
    const proposed = proposedNames(state.outcome.proposed_contacts);
    const created = proposed.filter((name) => state.contacts.includes(name));
    const notCreated = proposed.length - created.length;
    return (
      <>
        <PageTitle title={`Import the ${subject}`} error={titleError} />
        <ErrorSummary errors={errors.summary} />
        {caption ? <span className="govuk-caption-l">{caption}</span> : null}
        <h1 {...headingProps}>Import the {subject}</h1>
        <p className="govuk-body">
          {plural(report.rows_read - rejected, 'row', 'rows')} of {state.file.name} can be imported
          {rejected > 0 ? `; ${plural(rejected, 'row has', 'rows have')} errors` : ''}.
        </p>
        {created.length > 0 ? (
          <p className="govuk-body">
            The import creates {plural(created.length, 'new contact', 'new contacts')}: {created.join(', ')}.
          </p>
        ) : null}
        {notCreated > 0 ? (
          <p className="govuk-body">
            {plural(notCreated, 'person', 'people')} named in the file {notCreated === 1 ? 'is' : 'are'} not created as{' '}
            {notCreated === 1 ? 'a contact' : 'contacts'}, so the actions naming them are not imported.
          </p>
        ) : null}
        <form onSubmit={commit} noValidate>
          {rejected > 0 ? (
            <Checkboxes
              id="skip_invalid"
              name="skip_invalid"
              legend="Rows with errors"
              legendClass="govuk-fieldset__legend--m"
              hint="Without this, nothing is imported while any row has an error."
              error={errors.fields.skip_invalid}
              options={[{ value: 'yes', label: `Skip the ${plural(rejected, 'row', 'rows')} with errors and import the rest` }]}
              values={skipInvalid ? ['yes'] : []}
              onChange={(values) => setSkipInvalid(values.includes('yes'))}
            />
          ) : null}
          {needsReason ? (
            <Textarea
              id="amendment_reason"
              label="Why is the agreed action plan being amended?"
              labelClass="govuk-label--m"
              hint="The plan as it stands is kept with this reason, and the import adds to it."
              error={errors.fields.amendment_reason}
              value={reason}
              onChange={setReason}
              rows={3}
            />
          ) : null}
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={busy}>
              Import the {subject}
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => {
                setErrors(NO_ERRORS);
                setState({ step: 'check', file: state.file, outcome: state.outcome, contacts: state.contacts });
              }}
            >
              Back to the report
            </button>
          </div>
          {busy ? (
            <p className="govuk-body" role="status">
              Importing…
            </p>
          ) : null}
        </form>
      </>
    );
  }

  const fileError = errors.fields.file;
  return (
    <>
      <PageTitle title={`Import ${subject === 'action plan' ? 'an' : 'a'} ${subject}`} error={titleError} />
      <ErrorSummary errors={errors.summary} />
      {caption ? <span className="govuk-caption-l">{caption}</span> : null}
      <h1 {...headingProps}>
        Import {subject === 'action plan' ? 'an' : 'a'} {subject}
      </h1>
      <p className="govuk-body">
        First the file is checked and you see what would be imported and any rows with problems. Nothing is imported
        until you confirm.
      </p>
      <form onSubmit={checkFile} noValidate>
        <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--m" htmlFor="file">
            Upload a file
          </label>
          <div className="govuk-hint" id="file-hint">
            {fileHint}
          </div>
          <ErrorMessage id="file" error={fileError} />
          <input
            className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
            id="file"
            name="file"
            type="file"
            accept={accept}
            aria-describedby={fileError ? 'file-hint file-error' : 'file-hint'}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setErrors(NO_ERRORS);
            }}
          />
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={busy}>
            Check the file
          </button>
          <Link to={back.to}>Cancel</Link>
        </div>
        {busy ? (
          <p className="govuk-body" role="status">
            Checking the file…
          </p>
        ) : null}
      </form>
    </>
  );
}
