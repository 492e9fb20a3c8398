import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@/api/problem';
import type { ImportOutcome } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Checkboxes, Textarea } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { NO_ERRORS, type FormErrors } from '@/lib/problem-errors';
import { ImportRejectedError, useImport, type ImportKind, type ImportSource } from '../api/run-import';
import { createContactsParam, proposedNames, sameChoice } from '../lib/contacts';
import { resultCounts, resultLine, summariseParsed, type ParsedSummary } from '../lib/parsed';
import {
  characters,
  isNoHeader,
  named,
  PASTE,
  plural,
  sourceErrors as errorsAbout,
  sourceOf,
  type Mode,
} from '../lib/source';
import { IssuesTable, rejectedSummary, ScrollTable } from './issues-table';
import { MappingStep } from './mapping-step';
import { NewContacts } from './new-contacts';
import { SourceFields } from './source-fields';

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
  | { step: 'map'; source: ImportSource }
  | { step: 'check'; source: ImportSource; outcome: ImportOutcome; contacts: readonly string[]; rechecked?: boolean }
  | { step: 'confirm'; source: ImportSource; outcome: ImportOutcome; contacts: readonly string[] }
  | { step: 'done'; source: ImportSource; outcome: ImportOutcome; skipped: number };

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
  /** The action plan profile the file is read through, after its columns were mapped by hand. */
  const [profileId, setProfileId] = useState<string | undefined>(undefined);

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
    return errorsAbout(error, source, kind);
  }

  function chooseMode(next: Mode) {
    setMode(next);
    setErrors(NO_ERRORS);
  }

  function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const chosen = sourceOf(mode, file, pasted, paste);
    if ('errors' in chosen) {
      setErrors(chosen.errors);
      return;
    }
    setProfileId(undefined);
    firstCheck(chosen.source, undefined);
  }

  /**
   * The first dry run of what was chosen (through the profile mapped by hand, if any). An action
   * plan whose headings are not recognised goes to mapping its columns.
   */
  function firstCheck(source: ImportSource, profile: string | undefined) {
    // Action plans: every proposed new contact starts ticked, so the first dry run asks for all of
    // them and its report reads as that commit would.
    const plan = kind === 'action-plan';
    mutation.mutate(
      { source, options: plan ? { createContacts: 'all', profileId: profile } : {} },
      {
        onSuccess: (outcome) => {
          const names = plan ? proposedNames(outcome.proposed_contacts) : [];
          setErrors(NO_ERRORS);
          setSkipInvalid(false);
          setTicked(names);
          setState({ step: 'check', source, outcome, contacts: names });
        },
        onError: (error) => {
          if (plan && !profile && isNoHeader(error)) {
            setErrors(NO_ERRORS);
            setState({ step: 'map', source });
            return;
          }
          setErrors(sourceErrors(error, source));
        },
      },
    );
  }

  /** The dry run again, for the contacts now ticked: the report then reads as the commit would. */
  function checkAgain() {
    if (busy || state.step !== 'check') return;
    const { source, outcome: checked } = state;
    const names = proposedNames(checked.proposed_contacts).filter((name) => ticked.includes(name));
    mutation.mutate(
      { source, options: { createContacts: createContactsParam(checked.proposed_contacts, names), profileId } },
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
          profileId,
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
    setProfileId(undefined);
    setState({ step: 'choose' });
  }

  const titleError = errors.summary.length > 0;
  const headingProps = { className: 'govuk-heading-l', ref: heading, tabIndex: -1 } as const;

  if (state.step === 'map') {
    const { source } = state;
    return (
      <MappingStep
        kind="action_plan"
        source={source}
        initialProfileId={profileId ?? ''}
        title={`Say which column is which in the ${subject}`}
        caption={caption}
        intro={
          <p className="govuk-body">
            The headings of {named(source, kind).name} are not the usual ones (No., Recommendation, Proposed Actions…), so
            say what each column holds. The mapping is saved under a name, to read files laid out the same way again.
          </p>
        }
        busy={busy}
        outerErrors={errors}
        onBack={startAgain}
        onMapped={(profile) => {
          setErrors(NO_ERRORS);
          setProfileId(profile.id);
          firstCheck(source, profile.id);
        }}
      />
    );
  }

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
        <SourceFields
          subject={subject}
          words={paste}
          mode={mode}
          onMode={chooseMode}
          onFile={(chosen) => {
            setFile(chosen);
            setErrors(NO_ERRORS);
          }}
          pasted={pasted}
          onPasted={(text) => {
            setPasted(text);
            if (errors.fields.pasted) setErrors(NO_ERRORS);
          }}
          errors={errors.fields}
          accept={accept}
          fileHint={fileHint}
        />
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
