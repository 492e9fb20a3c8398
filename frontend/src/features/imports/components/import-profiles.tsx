// The council's import profiles (column mappings): a list, one profile with its columns, status
// words and committees, renaming it, and removing it after asking.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '@/api/problem';
import type { ImportProfile, ImportProfileKind } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextInput } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { BackLink } from '@/features/admin/components/back-link';
import { ListState, ScrollTable } from '@/features/admin/components/list-state';
import { clientErrors } from '@/features/admin/lib/form-errors';
import { useCommitteeNames } from '@/features/committees/api/get-committees';
import { useGradeScale } from '@/features/progress/api/get-grade-scale';
import { gradeCodeDisplay } from '@/features/progress/lib/grade-scale';
import { formatInstant } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { useImportProfiles, useRemoveImportProfile, useUpdateImportProfile } from '../api/import-profiles';
import { FIELD_LABELS } from '../lib/mapping';

const KIND_LABELS: Record<ImportProfileKind, string> = { tracker: 'Tracker', action_plan: 'Action plan' };
const BASE = '/admin/import-profiles';

/** The council's profiles, trackers' and action plans'. */
export function ImportProfilesList() {
  const profiles = useImportProfiles(null);
  const query = { ...profiles, data: profiles.data ? { items: profiles.data } : undefined };
  return (
    <>
      <PageTitle title="Import column mappings" />
      <BackLink to="/admin">Administration</BackLink>
      <h1 className="govuk-heading-l">Import column mappings</h1>
      <p className="govuk-body">
        Each mapping says which column of a file is which, what its status words mean on your grading scale, and which
        committee each name means. They are made while importing: <Link to="/imports/tracker">import a tracker</Link>, or
        an action plan whose headings are not the usual ones.
      </p>
      <ListState query={query} what="the column mappings" firstPage={BASE} empty="There are no column mappings yet.">
        {(items) => (
          <ScrollTable label="Column mappings">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--m">Column mappings</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Reads
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Columns
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Changed
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {items.map((p) => (
                  <tr className="govuk-table__row" key={p.id}>
                    <th scope="row" className="govuk-table__header">
                      <Link to={`${BASE}/${p.id}`}>{p.name}</Link>
                    </th>
                    <td className="govuk-table__cell">{KIND_LABELS[p.kind]}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{p.columns.filter((c) => c.field !== 'ignore').length}</td>
                    <td className="govuk-table__cell">{formatInstant(p.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </ListState>
    </>
  );
}

function Table({ caption, heads, children, empty }: { caption: string; heads: readonly string[]; children: ReactNode[]; empty: string }) {
  return (
    <>
      <h2 className="govuk-heading-m">{caption}</h2>
      {children.length === 0 ? (
        <p className="govuk-body">{empty}</p>
      ) : (
        <ScrollTable label={caption}>
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">{caption}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {heads.map((h) => (
                  <th scope="col" className="govuk-table__header" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">{children}</tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

function conflictText(what: string): FormErrors {
  return {
    fields: {},
    summary: [{ text: `Someone else changed this column mapping after you opened it. It now shows their change: ${what} again.` }],
  };
}

/** One profile: rename it; its columns, status words and committees; a link to remove it. */
export function ImportProfileDetail({ profile, onReload }: { profile: ImportProfile; onReload: () => Promise<unknown> }) {
  const [name, setName] = useState(profile.name);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const update = useUpdateImportProfile();
  const scale = useGradeScale(profile.council_id);
  const committees = useCommitteeNames();

  function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    setSaved(false);
    const found = name.trim() ? [] : [{ id: 'name', text: 'Name: enter a name for the mapping' }];
    setErrors(clientErrors(found));
    if (found.length > 0 || name.trim() === profile.name) return;
    update.mutate(
      { id: profile.id, version: profile.version, body: { name: name.trim() } },
      {
        onSuccess: () => setSaved(true),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors(conflictText('rename it'));
            void onReload();
            return;
          }
          setErrors(problemErrors(error, (field) => (field === 'name' ? { id: 'name', label: 'Name' } : undefined)));
        },
      },
    );
  }

  return (
    <>
      <PageTitle title={profile.name} error={errors.summary.length > 0} />
      <BackLink to={BASE}>Import column mappings</BackLink>
      {saved ? <NotificationBanner kind="success" heading="The column mapping has been renamed" /> : null}
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Import column mapping</span>
        {profile.name}
      </h1>
      <SummaryList
        rows={[
          { key: 'Reads', value: KIND_LABELS[profile.kind] },
          { key: 'Row of the headings', value: profile.header_row ? String(profile.header_row) : 'Found in each file' },
          { key: 'Made by', value: profile.created_by },
          { key: 'Changed', value: formatInstant(profile.updated_at) },
        ]}
      />
      <form onSubmit={rename} noValidate>
        <TextInput id="name" label="Name" labelClass="govuk-label--s" error={errors.fields.name} value={name} onChange={setName} />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={update.isPending}>
          Rename
        </button>
      </form>
      <Table caption="Columns" heads={['Heading in the file', 'Imported as']} empty="No columns are mapped.">
        {profile.columns.map((c) => (
          <tr className="govuk-table__row" key={c.heading}>
            <td className="govuk-table__cell">{c.heading}</td>
            <td className="govuk-table__cell">{FIELD_LABELS[c.field]}</td>
          </tr>
        ))}
      </Table>
      {profile.kind === 'tracker' ? (
        <>
          <Table caption="Status words" heads={['Status in the file', 'Grade']} empty="No status words are mapped yet.">
            {profile.statuses.map((s) => (
              <tr className="govuk-table__row" key={s.value}>
                <td className="govuk-table__cell">{s.value}</td>
                <td className="govuk-table__cell">{gradeCodeDisplay(s.grade, scale)}</td>
              </tr>
            ))}
          </Table>
          <Table caption="Committees" heads={['Name in the file', 'Committee']} empty="No committee names are mapped yet.">
            {profile.committees.map((c) => (
              <tr className="govuk-table__row" key={c.value}>
                <td className="govuk-table__cell">{c.value}</td>
                <td className="govuk-table__cell">{committees.get(c.committee_id) ?? 'A committee no longer listed'}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
      <h2 className="govuk-heading-m">Remove it</h2>
      <p className="govuk-body">
        <Link to={`${BASE}/${profile.id}/remove`}>Remove this column mapping</Link>
      </p>
    </>
  );
}

/** Removing a profile, after asking. */
export function RemoveImportProfilePage({ profile }: { profile: ImportProfile }) {
  const navigate = useNavigate();
  const remove = useRemoveImportProfile(profile.id);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const back = `${BASE}/${profile.id}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (remove.isPending) return;
    setErrors(NO_ERRORS);
    remove.mutate(profile.version, {
      onSuccess: () => void navigate(BASE),
      onError: (error) =>
        setErrors(error instanceof ApiError && error.status === 412 ? conflictText('remove it') : problemErrors(error, () => undefined)),
    });
  }
  return (
    <>
      <PageTitle title="Remove the column mapping" error={errors.summary.length > 0} />
      <BackLink to={back}>The column mapping</BackLink>
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Remove the column mapping ‘{profile.name}’?</h1>
      <p className="govuk-body">
        Files laid out this way will need their columns mapped again. Imports already made with it keep their record. This
        cannot be undone.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--warning" disabled={remove.isPending}>
            Remove column mapping
          </button>
          <Link to={back}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
