import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@/api/problem';
import type { ImportIssue, ImportOutcome } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Checkboxes, ErrorMessage, Radios, Textarea } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag, type TagColour } from '@/components/ui/tag';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { ImportRejectedError, useImport, type ImportKind, type ImportSource } from '../api/run-import';
import { createContactsParam, proposedNames, sameChoice } from '../lib/contacts';
import { resultCounts, resultLine, summariseParsed, type ParsedSummary } from '../lib/parsed';
import { NewContacts } from './new-contacts';

export type ImportWizardProps = {
  kind: ImportKind;
  /** The review (action plans) or the round (progress updates) the file or pasted text goes into. */
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
  | { step: 'check'; source: ImportSource; outcome: ImportOutcome; contacts: readonly string[]; rechecked?: boolean }
  | { step: 'confirm'; source: ImportSource; outcome: ImportOutcome; contacts: readonly string[] }
  | { step: 'done'; source: ImportSource; outcome: ImportOutcome; skipped: number };

/** How the user gives what is imported: a file, or a table pasted from Word or Excel. */
type Mode = 'file' | 'paste';

/** The pasting's words: an action plan is one table; a progress update is the paper's whole text. */
type PasteWords = {
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

const PASTE: Record<ImportKind, PasteWords> = {
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
};

/** The text box pasted into: where the API's field `file` is when the text was pasted. */
function pastedField(kind: ImportKind): FieldTarget {
  return { id: 'pasted', label: `Pasted ${PASTE[kind].noun}` };
}

const FIELDS: Record<string, FieldTarget> = {
  file: { id: 'file', label: 'File' },
  amendment_reason: { id: 'amendment_reason', label: 'Why the agreed plan is amended' },
  skip_invalid: { id: 'skip_invalid', label: 'Rows with errors' },
};

/**
 * A file (or pasted text) the API refused outright (wrong type, too large, unreadable): said
 * against the file field, or against the text box (`pasted`) when the text was pasted.
 */
function fileErrors(error: unknown, pasted: FieldTarget | null): FormErrors {
  const target = pasted ?? FIELDS.file!;
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
  return problemErrors(error, (field) => (pasted && field === 'file' ? pasted : FIELDS[field]));
}

/** How the report and the steps name what is imported. */
type Named = {
  /** "file", or the paste's noun: "table". */
  noun: string;
  /** "plan.csv", or "the table you pasted". */
  name: string;
};

function named(source: ImportSource, kind: ImportKind): Named {
  if (source.file) return { noun: 'file', name: source.file.name };
  const { noun } = PASTE[kind];
  return { noun, name: `the ${noun} you pasted` };
}

function characters(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'character' : 'characters'}`;
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

function issueWhere(issue: ImportIssue, noun: string): string {
  const row = issue.row ? `Row ${issue.row}` : `The whole ${noun}`;
  return issue.column ? `${row}, ${issue.column}` : row;
}

/** The rejected rows, as an error summary whose links go to their rows in the report. */
function rejectedSummary(issues: readonly ImportIssue[], noun: string) {
  return issues.flatMap((issue, i) =>
    issue.severity === 'rejected' ? [{ field: issueId(i), text: `${issueWhere(issue, noun)}: ${issue.reason}` }] : [],
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

function ParsedTable({ kind, parsed, noun }: { kind: ImportKind; parsed: ParsedSummary; noun: string }) {
  if (parsed.rows.length === 0) return <p className="govuk-body">No recommendations were found in the {noun}.</p>;
  const plan = kind === 'action-plan';
  const caption = `Recommendations in the ${noun} (${parsed.rows.length})`;
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

function IssuesTable({ issues, noun }: { issues: readonly ImportIssue[]; noun: string }) {
  if (issues.length === 0) return <p className="govuk-body">No problems were found in the {noun}.</p>;
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
                  <td className="govuk-table__cell">{issue.row ?? `Whole ${noun}`}</td>
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

/** The value once it has stopped changing for `ms`: what a screen reader is told, not each key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Importing a file, or a table pasted from Word or Excel, in three steps: choose the file or paste
 * the table; check what the API read and its row report (a dry run: nothing is written); confirm,
 * all or nothing or skipping the rows with errors. Then a panel says what was done and links back.
 */
export function ImportWizard({ kind, targetId, subject, caption, accept, fileHint, back, planAgreed = false }: ImportWizardProps) {
  const [state, setState] = useState<Step>({ step: 'choose' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [mode, setMode] = useState<Mode>('file');
  const [file, setFile] = useState<File | null>(null);
  /** The text box's plain value: what is sent, exactly, when the user pastes. */
  const [pasted, setPasted] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [reason, setReason] = useState('');
  /** The proposed new contacts ticked (all, when the file is first checked). */
  const [ticked, setTicked] = useState<string[]>([]);
  const mutation = useImport(kind, targetId);
  const heading = useRef<HTMLHeadingElement>(null);
  const recheckedStatus = useRef<HTMLParagraphElement>(null);
  const busy = mutation.isPending;
  const Subject = subject.charAt(0).toUpperCase() + subject.slice(1);
  const paste = PASTE[kind];
  const settledCount = useSettled(pasted.length, 750);

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
  const reportNoun = state.step === 'check' ? named(state.source, kind).noun : 'file';
  const rejectedErrors = useMemo(
    () => (reportIssues ? rejectedSummary(reportIssues, reportNoun) : []),
    [reportIssues, reportNoun],
  );

  /** Errors the API gave about what was sent: against the file input, or the text box. */
  function sourceErrors(error: unknown, source: ImportSource): FormErrors {
    return fileErrors(error, source.file ? null : pastedField(kind));
  }

  function chooseMode(next: Mode) {
    setMode(next);
    setErrors(NO_ERRORS);
  }

  function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    let source: ImportSource;
    if (mode === 'paste') {
      if (!pasted.trim()) {
        const text = paste.empty;
        setErrors({ fields: { pasted: text }, summary: [{ field: 'pasted', text }] });
        return;
      }
      source = { text: pasted };
    } else {
      if (!file) {
        const text = 'Select a file to import';
        setErrors({ fields: { file: text }, summary: [{ field: 'file', text }] });
        return;
      }
      source = { file };
    }
    // Action plans: every proposed new contact starts ticked, so the first dry run asks for all of
    // them and its report reads as that commit would.
    const plan = kind === 'action-plan';
    mutation.mutate(
      { source, options: plan ? { createContacts: 'all' } : {} },
      {
        onSuccess: (outcome) => {
          const names = plan ? proposedNames(outcome.proposed_contacts) : [];
          setErrors(NO_ERRORS);
          setSkipInvalid(false);
          setTicked(names);
          setState({ step: 'check', source, outcome, contacts: names });
        },
        onError: (error) => setErrors(sourceErrors(error, source)),
      },
    );
  }

  /** The dry run again, for the contacts now ticked: the report then reads as the commit would. */
  function checkAgain() {
    if (busy || state.step !== 'check') return;
    const { source, outcome: checked } = state;
    const names = proposedNames(checked.proposed_contacts).filter((name) => ticked.includes(name));
    mutation.mutate(
      { source, options: { createContacts: createContactsParam(checked.proposed_contacts, names) } },
      {
        onSuccess: (outcome) => {
          setErrors(NO_ERRORS);
          setSkipInvalid(false);
          setState({ step: 'check', source, outcome, contacts: names, rechecked: true });
        },
        onError: (error) => {
          const detail = error instanceof ApiError ? error.problem?.detail ?? error.problem?.title : null;
          setErrors({
            fields: {},
            summary: [
              {
                text: `The ${named(source, kind).noun} could not be checked again${detail ? `: ${detail.trim()}` : ''}. Try again.`,
              },
            ],
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
    const { source, outcome: checked, contacts } = state;
    const skip = skipInvalid && checked.report.rows_rejected > 0;
    const plan = kind === 'action-plan';
    const { noun } = named(source, kind);
    mutation.mutate(
      {
        source,
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
          setState({ step: 'done', source, outcome, skipped: skip ? outcome.report.rows_rejected : 0 });
        },
        onError: (error) => {
          if (error instanceof ImportRejectedError) {
            // All or nothing: back to the report, as the commit found it.
            setErrors({
              fields: {},
              summary: [
                { text: `Nothing was imported. ${error.problem?.detail ?? `The ${noun} has rows that cannot be imported.`}` },
                ...rejectedSummary(error.report.issues, noun),
              ],
            });
            setState({ step: 'check', source, outcome: { ...checked, report: error.report }, contacts });
            return;
          }
          setErrors(sourceErrors(error, source));
        },
      },
    );
  }

  /** Back to the first step: a file is chosen again; pasted text is kept, to change it. */
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
    const { noun } = named(state.source, kind);
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
              ? `This ${noun} was imported before. Nothing was changed.`
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
            {plural(skipped, 'row with errors was', 'rows with errors were')} not imported.{' '}
            {state.source.file
              ? 'Correct them in the file and import it again, or add them by hand.'
              : `Correct them in the document, then copy and paste the ${noun} again, or add them by hand.`}
          </p>
        ) : null}
        <p className="govuk-body">
          <Link to={back.to}>{back.text}</Link>
        </p>
      </>
    );
  }

  if (state.step === 'check') {
    const { outcome, source } = state;
    const { noun, name } = named(source, kind);
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
        <p className="govuk-body">Nothing has been imported yet. This is what was read from {name}.</p>
        {outcome.already_imported ? (
          <div className="govuk-inset-text">
            This {noun} has been imported before. Importing it again changes nothing.
          </div>
        ) : null}
        <SummaryList
          rows={[
            source.file
              ? { key: 'File', value: source.file.name }
              : { key: `Pasted ${noun}`, value: characters(source.text.length) },
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
        <ParsedTable kind={kind} parsed={parsed} noun={noun} />
        <IssuesTable issues={report.issues} noun={noun} />
        <NewContacts proposals={proposals} values={ticked} onChange={setTicked} />
        {stale ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              You changed the new contacts to create. Check the {noun} again to see what would be imported.
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
                setState({ step: 'confirm', source, outcome, contacts: state.contacts });
              }}
            >
              Continue
            </button>
          ) : null}
          <button type="button" className="govuk-button govuk-button--secondary" onClick={startAgain}>
            {source.file ? 'Choose a different file' : `Change the pasted ${noun}`}
          </button>
        </div>
        {busy ? (
          <p className="govuk-body" role="status">
            Checking the {noun} again…
          </p>
        ) : null}
      </>
    );
  }

  if (state.step === 'confirm') {
    const { report } = state.outcome;
    const { noun, name } = named(state.source, kind);
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
          {plural(report.rows_read - rejected, 'row', 'rows')} of {name} can be imported
          {rejected > 0 ? `; ${plural(rejected, 'row has', 'rows have')} errors` : ''}.
        </p>
        {created.length > 0 ? (
          <p className="govuk-body">
            The import creates {plural(created.length, 'new contact', 'new contacts')}: {created.join(', ')}.
          </p>
        ) : null}
        {notCreated > 0 ? (
          <p className="govuk-body">
            {plural(notCreated, 'person', 'people')} named in the {noun} {notCreated === 1 ? 'is' : 'are'} not created
            as {notCreated === 1 ? 'a contact' : 'contacts'}, so the actions naming them are not imported.
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
                setState({ step: 'check', source: state.source, outcome: state.outcome, contacts: state.contacts });
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
  const pastedError = errors.fields.pasted;
  const pasting = mode === 'paste';
  return (
    <>
      <PageTitle title={`Import ${subject === 'action plan' ? 'an' : 'a'} ${subject}`} error={titleError} />
      <ErrorSummary errors={errors.summary} />
      {caption ? <span className="govuk-caption-l">{caption}</span> : null}
      <h1 {...headingProps}>
        Import {subject === 'action plan' ? 'an' : 'a'} {subject}
      </h1>
      <p className="govuk-body">
        Choose a file, or paste the {paste.noun} copied from the Word document. First it is checked and you see what
        would be imported and any rows with problems. Nothing is imported until you confirm.
      </p>
      <form onSubmit={check} noValidate>
        <Radios<Mode>
          id="source"
          name="source"
          legend={`How do you want to import the ${subject}?`}
          legendClass="govuk-fieldset__legend--m"
          options={[
            { value: 'file', label: 'Choose a file' },
            { value: 'paste', label: paste.option },
          ]}
          value={mode}
          onChange={chooseMode}
          inline
        />
        {/* Hidden, not removed, while the other way is chosen: the file chosen stays chosen. */}
        <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`} hidden={pasting}>
          <label className="govuk-label govuk-label--s" htmlFor="file">
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
        <div className={`govuk-form-group${pastedError ? ' govuk-form-group--error' : ''}`} hidden={!pasting}>
          <label className="govuk-label govuk-label--s" htmlFor="pasted">
            {paste.label}
          </label>
          <div className="govuk-hint" id="pasted-hint">
            {paste.hint}
          </div>
          <ErrorMessage id="pasted" error={pastedError} />
          <textarea
            className={`govuk-textarea${pastedError ? ' govuk-textarea--error' : ''}`}
            id="pasted"
            name="pasted"
            rows={12}
            spellCheck={false}
            value={pasted}
            aria-describedby={pastedError ? 'pasted-hint pasted-error' : 'pasted-hint'}
            onChange={(e) => {
              // The plain text, whatever else the clipboard held (Word gives HTML too).
              setPasted(e.target.value);
              if (pastedError) setErrors(NO_ERRORS);
            }}
          />
          {/* The count as GOV.UK's character count gives it: seen at once, and said to a screen
              reader once the pasting or typing stops, not at every key. */}
          <div className="govuk-hint govuk-!-margin-top-2 govuk-!-margin-bottom-0" id="pasted-count" aria-hidden="true">
            {characters(pasted.length)}
          </div>
          <div className="govuk-visually-hidden" aria-live="polite">
            {characters(settledCount)}
          </div>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={busy}>
            {pasting ? `Check the ${paste.noun}` : 'Check the file'}
          </button>
          <Link to={back.to}>Cancel</Link>
        </div>
        {busy ? (
          <p className="govuk-body" role="status">
            {pasting ? `Checking the ${paste.noun}…` : 'Checking the file…'}
          </p>
        ) : null}
      </form>
    </>
  );
}
