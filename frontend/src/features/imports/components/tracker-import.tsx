// Importing a council's tracker (one row per recommendation across its reviews): choose the file
// or paste the table and a saved column mapping; map the columns; map the status words and
// committees the mapping does not know yet; check the row report (a dry run); import.
import { useState, type FormEvent } from 'react';
import type { ImportOutcome, ImportProfile, Me } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Checkboxes, Select } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { useCommittees } from '@/features/committees/api/get-committees';
import { useGradeScale } from '@/features/progress/api/get-grade-scale';
import { levelDisplay } from '@/features/progress/lib/grade-scale';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { useImportProfiles, useUpdateImportProfile } from '../api/import-profiles';
import { ImportRejectedError, useImport, type ImportSource } from '../api/run-import';
import { createContactsParam, proposedNames, sameChoice } from '../lib/contacts';
import { resultCounts, resultLine } from '../lib/parsed';
import { named, PASTE, plural, sourceErrors, sourceOf, type Mode } from '../lib/source';
import { IssuesTable, rejectedSummary } from './issues-table';
import { MappingStep } from './mapping-step';
import { NewContacts } from './new-contacts';
import { SourceFields } from './source-fields';
import { NOTHING_CHOSEN, StatusCommitteeMapping, type Unmapped } from './status-committee-mapping';

const ACCEPT = '.csv,.xlsx,.txt,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BACK = { to: '/reviews', text: 'Go to the reviews' };

type Checked = { source: ImportSource; profile: ImportProfile; outcome: ImportOutcome; contacts: readonly string[] };
type Step =
  | { step: 'choose' }
  | { step: 'map'; source: ImportSource; profileId: string }
  | ({ step: 'check' } & Checked)
  | { step: 'done'; source: ImportSource; outcome: ImportOutcome };

/** The profile's statuses and committees with the new choices added (a value chosen again replaces the saved one). */
export function withChoices(profile: ImportProfile, chosen: Unmapped) {
  const statuses = Object.entries(chosen.statuses)
    .filter(([, grade]) => grade)
    .map(([value, grade]) => ({ value, grade }));
  const committees = Object.entries(chosen.committees)
    .filter(([, id]) => id)
    .map(([value, committee_id]) => ({ value, committee_id }));
  const key = (v: string) => v.trim().toLowerCase();
  const newStatus = new Set(statuses.map((s) => key(s.value)));
  const newCommittee = new Set(committees.map((c) => key(c.value)));
  return {
    statuses: [...profile.statuses.filter((s) => !newStatus.has(key(s.value))), ...statuses],
    committees: [...profile.committees.filter((c) => !newCommittee.has(key(c.value))), ...committees],
  };
}

export function TrackerImport({ me }: { me: Me }) {
  const [state, setState] = useState<Step>({ step: 'choose' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [mode, setMode] = useState<Mode>('file');
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  const [profileId, setProfileId] = useState('');
  const [ticked, setTicked] = useState<string[]>([]);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [chosen, setChosen] = useState<Unmapped>(NOTHING_CHOSEN);
  const profiles = useImportProfiles('tracker');
  const mutation = useImport('tracker', '');
  const updateProfile = useUpdateImportProfile();
  const scale = useGradeScale(me.organisation.kind === 'council' ? me.organisation.id : null);
  const committees = useCommittees();
  const busy = mutation.isPending || updateProfile.isPending;
  const words = PASTE.tracker;

  /** The first dry run through the profile: every proposed new contact ticked, as the report then reads. */
  function dryRun(source: ImportSource, profile: ImportProfile) {
    mutation.mutate(
      { source, options: { profileId: profile.id, createContacts: 'all' } },
      {
        onSuccess: (outcome) => {
          const names = proposedNames(outcome.proposed_contacts);
          setErrors(NO_ERRORS);
          setSkipInvalid(false);
          setChosen(NOTHING_CHOSEN);
          setTicked(names);
          setState({ step: 'check', source, profile, outcome, contacts: names });
        },
        onError: (error) => setErrors(sourceErrors(error, source, 'tracker')),
      },
    );
  }

  function recheck(checked: Checked, profile: ImportProfile, names: readonly string[]) {
    mutation.mutate(
      {
        source: checked.source,
        options: { profileId: profile.id, createContacts: createContactsParam(checked.outcome.proposed_contacts, names) },
      },
      {
        onSuccess: (outcome) => {
          setErrors(NO_ERRORS);
          setSkipInvalid(false);
          setChosen(NOTHING_CHOSEN);
          setState({ step: 'check', source: checked.source, profile, outcome, contacts: names });
        },
        onError: (error) => setErrors(problemErrors(error, () => undefined)),
      },
    );
  }

  function choose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const picked = sourceOf(mode, file, pasted, words);
    if ('errors' in picked) {
      setErrors(picked.errors);
      return;
    }
    setErrors(NO_ERRORS);
    setState({ step: 'map', source: picked.source, profileId });
  }

  function startAgain() {
    setErrors(NO_ERRORS);
    setFile(null);
    setTicked([]);
    setState({ step: 'choose' });
  }

  if (state.step === 'map') {
    return (
      <MappingStep
        kind="tracker"
        source={state.source}
        initialProfileId={state.profileId}
        title="Say which column of the tracker is which"
        intro={
          <p className="govuk-body">
            Check the field each column of {named(state.source, 'tracker').name} is imported as. The mapping is saved, so
            that next month’s tracker is read the same way.
          </p>
        }
        busy={busy}
        outerErrors={errors}
        onBack={startAgain}
        onMapped={(profile) => {
          setProfileId(profile.id);
          dryRun(state.source, profile);
        }}
      />
    );
  }

  if (state.step === 'done') {
    const { outcome } = state;
    // What changed; a tracker whose every row was there already changed nothing.
    const lines = resultCounts(outcome.import.result)
      .filter(({ key, count }) => count > 0 && key !== 'plans')
      .map(resultLine);
    const title = outcome.already_imported ? 'Tracker already imported' : 'Tracker imported';
    return (
      <>
        <PageTitle title={title} />
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title" tabIndex={-1}>
            {title}
          </h1>
          <div className="govuk-panel__body">
            {outcome.already_imported
              ? `This ${named(state.source, 'tracker').noun} was imported before. Nothing was changed.`
              : `${plural(outcome.report.rows_read - (outcome.import.skip_invalid ? outcome.report.rows_rejected : 0), 'row', 'rows')} imported`}
          </div>
        </div>
        {outcome.already_imported ? null : lines.length > 0 ? (
          <ul className="govuk-list govuk-list--bullet">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">Everything in it was here already: nothing was changed.</p>
        )}
        <p className="govuk-body">
          <Link to={BACK.to}>{BACK.text}</Link>
        </p>
      </>
    );
  }

  if (state.step === 'check') {
    return (
      <CheckTracker
        checked={state}
        errors={errors}
        busy={busy}
        ticked={ticked}
        onTick={setTicked}
        chosen={chosen}
        onChoose={setChosen}
        skipInvalid={skipInvalid}
        onSkipInvalid={setSkipInvalid}
        grades={scale.map((l) => ({ value: l.code, label: levelDisplay(l) }))}
        committeeOptions={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        onStartAgain={startAgain}
        onRecheck={() => recheck(state, state.profile, ticked.filter((n) => proposedNames(state.outcome.proposed_contacts).includes(n)))}
        onSaveChoices={() => {
          const body = withChoices(state.profile, chosen);
          updateProfile.mutate(
            { id: state.profile.id, version: state.profile.version, body },
            {
              onSuccess: (profile) => recheck(state, profile, state.contacts),
              onError: (error) => setErrors(problemErrors(error, () => undefined)),
            },
          );
        }}
        onImport={() => {
          const skip = skipInvalid && state.outcome.report.rows_rejected > 0;
          const { noun } = named(state.source, 'tracker');
          mutation.mutate(
            {
              source: state.source,
              options: {
                commit: true,
                skipInvalid: skip,
                profileId: state.profile.id,
                createContacts: createContactsParam(state.outcome.proposed_contacts, state.contacts),
                idempotencyKey: crypto.randomUUID(),
              },
            },
            {
              onSuccess: (outcome) => {
                setErrors(NO_ERRORS);
                setState({ step: 'done', source: state.source, outcome });
              },
              onError: (error) => {
                if (error instanceof ImportRejectedError) {
                  setErrors({
                    fields: {},
                    summary: [
                      { text: `Nothing was imported. ${error.problem?.detail ?? `The ${noun} has rows that cannot be imported.`}` },
                      ...rejectedSummary(error.report.issues, noun),
                    ],
                  });
                  setState({ ...state, outcome: { ...state.outcome, report: error.report } });
                  return;
                }
                setErrors(sourceErrors(error, state.source, 'tracker'));
              },
            },
          );
        }}
      />
    );
  }

  return (
    <>
      <PageTitle title="Import a tracker" error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Import a tracker</h1>
      <p className="govuk-body">
        A tracker lists recommendations across your council’s reviews, one a row, with their actions, leads, status and
        progress. Reviews are found by their reference, and created when there is none. First you say which column is
        which, then the file is checked and you see what would be imported. Nothing is imported until you confirm.
      </p>
      <form onSubmit={choose} noValidate>
        <SourceFields
          subject="tracker"
          words={words}
          mode={mode}
          onMode={(next) => {
            setMode(next);
            setErrors(NO_ERRORS);
          }}
          onFile={(picked) => {
            setFile(picked);
            setErrors(NO_ERRORS);
          }}
          pasted={pasted}
          onPasted={setPasted}
          errors={errors.fields}
          accept={ACCEPT}
          fileHint="A CSV file, an Excel workbook (XLSX) or tab-separated text, with a row of headings."
        />
        <Select
          id="profile_id"
          label="Column mapping"
          labelClass="govuk-label--s"
          hint="The mapping saved for trackers laid out like this one, or a new one."
          placeholder="New mapping…"
          options={(profiles.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={profileId}
          onChange={setProfileId}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button">
            Continue
          </button>
          <Link to={BACK.to}>Cancel</Link>
        </div>
      </form>
    </>
  );
}

type CheckProps = {
  checked: Checked;
  errors: FormErrors;
  busy: boolean;
  ticked: string[];
  onTick: (names: string[]) => void;
  chosen: Unmapped;
  onChoose: (chosen: Unmapped) => void;
  skipInvalid: boolean;
  onSkipInvalid: (skip: boolean) => void;
  grades: { value: string; label: string }[];
  committeeOptions: { value: string; label: string }[];
  onStartAgain: () => void;
  onRecheck: () => void;
  onSaveChoices: () => void;
  onImport: () => void;
};

/** The dry run's outcome: what to map still, the row report, the new contacts, and the import. */
function CheckTracker(props: CheckProps) {
  const { checked, errors, busy, ticked } = props;
  const { outcome, source, profile } = checked;
  const { report } = outcome;
  const { noun, name } = named(source, 'tracker');
  const summary = errors.summary.length > 0 ? errors.summary : rejectedSummary(report.issues, noun);
  const unmapped = outcome.statuses.some((s) => !s.grade) || outcome.committees.some((c) => !c.committee_id);
  const anyChosen = Object.values(props.chosen.statuses).some(Boolean) || Object.values(props.chosen.committees).some(Boolean);
  const stale = !sameChoice(outcome.proposed_contacts, ticked, checked.contacts);
  const importable = report.rows_read > report.rows_rejected && !stale;
  const warnings = report.issues.filter((i) => i.severity !== 'rejected').length;
  return (
    <>
      <PageTitle title="Check the tracker before importing" error={report.rows_rejected > 0} />
      <ErrorSummary errors={summary} title={errors.summary.length > 0 ? 'There is a problem' : 'Some rows cannot be imported'} />
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Check the tracker before importing
      </h1>
      <p className="govuk-body">Nothing has been imported yet. This is what was read from {name}.</p>
      {outcome.already_imported ? (
        <div className="govuk-inset-text">This {noun} has been imported before. Importing it again changes nothing.</div>
      ) : null}
      <SummaryList
        rows={[
          { key: 'Column mapping', value: profile.name },
          { key: 'Read as', value: outcome.import.format.toUpperCase() },
          { key: 'Rows read', value: String(report.rows_read) },
          { key: 'Rows that cannot be imported', value: String(report.rows_rejected) },
          { key: 'Warnings to check', value: String(warnings) },
        ]}
      />
      {unmapped ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy && anyChosen) props.onSaveChoices();
          }}
          noValidate
        >
          <StatusCommitteeMapping
            statuses={outcome.statuses}
            committees={outcome.committees}
            grades={props.grades}
            committeeOptions={props.committeeOptions}
            value={props.chosen}
            onChange={props.onChoose}
            errors={errors.fields}
          />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy || !anyChosen}>
            Save to ‘{profile.name}’ and check again
          </button>
        </form>
      ) : null}
      <IssuesTable issues={report.issues} noun={noun} />
      <NewContacts proposals={outcome.proposed_contacts} values={ticked} onChange={props.onTick} />
      {stale ? (
        <>
          <p className="govuk-body">You changed the new contacts to create. Check the {noun} again to see what would be imported.</p>
          <button type="button" className="govuk-button" disabled={busy} onClick={props.onRecheck}>
            Check again
          </button>
        </>
      ) : null}
      {importable ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) props.onImport();
          }}
          noValidate
        >
          <h2 className="govuk-heading-m">Import the tracker</h2>
          {report.rows_rejected > 0 ? (
            <Checkboxes
              id="skip_invalid"
              name="skip_invalid"
              legend="Rows with errors"
              hint="Without this, nothing is imported while any row has an error."
              options={[{ value: 'yes', label: `Skip the ${plural(report.rows_rejected, 'row', 'rows')} with errors and import the rest` }]}
              values={props.skipInvalid ? ['yes'] : []}
              onChange={(values) => props.onSkipInvalid(values.includes('yes'))}
            />
          ) : null}
          <button type="submit" className="govuk-button" disabled={busy}>
            Import
          </button>
        </form>
      ) : null}
      <p className="govuk-body">
        <button type="button" className="govuk-link app-link-button" onClick={props.onStartAgain}>
          {source.file ? 'Choose a different file' : `Change the pasted ${noun}`}
        </button>
      </p>
      {busy ? (
        <p className="govuk-body" role="status">
          Working…
        </p>
      ) : null}
    </>
  );
}
