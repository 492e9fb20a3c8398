import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '@/api/problem';
import type { ImportColumns, ImportProfile, ImportProfileKind } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Radios, Select, TextInput } from '@/components/ui/form';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { clientErrors } from '@/features/admin/lib/form-errors';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useCreateImportProfile, useImportProfiles, useUpdateImportProfile } from '../api/import-profiles';
import { readColumns } from '../api/read-columns';
import type { ImportSource } from '../api/run-import';
import {
  columnSelectId,
  mappingProblems,
  mergeColumns,
  presetMapping,
  profileColumns,
  sameColumns,
  type Mapping,
} from '../lib/mapping';
import { ColumnMapping } from './column-mapping';

/** A key for what was chosen, so that the columns are read once for it. */
function sourceKey(source: ImportSource): string {
  return source.file ? `file:${source.file.name}:${source.file.size}:${source.file.lastModified}` : `text:${source.text}`;
}

type Props = {
  kind: ImportProfileKind;
  source: ImportSource;
  /** The profile chosen before (its id), or '' for a new mapping. */
  initialProfileId: string;
  /** The page's heading, and what is above it. */
  title: string;
  caption?: ReactNode;
  /** Under the heading: why the columns are mapped. */
  intro: ReactNode;
  /** The profile saved (or chosen, unchanged): the caller reads the file through it. */
  onMapped: (profile: ImportProfile) => void;
  /** Back to choosing what to import. */
  onBack: () => void;
  /** The caller is reading the file through the profile. */
  busy?: boolean;
  /** Errors the caller got reading the file through it. */
  outerErrors?: FormErrors;
};

type Save = 'update' | 'new';

/**
 * Which column of the file is which field: the file's columns (read by the API, nothing recorded),
 * each with a field pre-set from the chosen profile or the API's proposal; then the mapping saved
 * as a new named profile or over the chosen one.
 */
export function MappingStep(props: Props) {
  const { kind, source } = props;
  const columns = useQuery({
    queryKey: ['import-columns', kind, sourceKey(source)],
    queryFn: () => readColumns(kind, source),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const profiles = useImportProfiles(kind);
  if (columns.isPending || profiles.isPending) return <Loading label="Reading the file’s columns" />;
  if (columns.isError) {
    const detail = columns.error instanceof ApiError ? (columns.error.problem?.detail ?? null) : null;
    return (
      <>
        <PageTitle title={props.title} />
        <h1 className="govuk-heading-l">{props.title}</h1>
        {detail ? <p className="govuk-body">The columns could not be read: {detail}</p> : <QueryError error={columns.error} what="the file’s columns" />}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={props.onBack}>
          Choose a different file
        </button>
      </>
    );
  }
  if (profiles.isError) return <QueryError error={profiles.error} what="the saved column mappings" />;
  return <MappingForm {...props} columns={columns.data} profiles={profiles.data} />;
}

const TARGETS: Record<string, FieldTarget> = {
  name: { id: 'profile-name', label: 'Name of the mapping' },
  columns: { id: 'columns', label: 'Columns' },
};

function MappingForm({
  kind,
  initialProfileId,
  title,
  caption,
  intro,
  onMapped,
  onBack,
  busy = false,
  outerErrors = NO_ERRORS,
  columns,
  profiles,
}: Props & { columns: ImportColumns; profiles: ImportProfile[] }) {
  const initial = profiles.find((p) => p.id === initialProfileId) ?? null;
  const [profileId, setProfileId] = useState(initial?.id ?? '');
  const profile = profiles.find((p) => p.id === profileId) ?? null;
  const [mapping, setMapping] = useState<Mapping>(() => presetMapping(columns.columns, initial));
  const [save, setSave] = useState<Save>('update');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateImportProfile();
  const update = useUpdateImportProfile();
  const pending = create.isPending || update.isPending || busy;
  const shown = errors.summary.length > 0 ? errors : outerErrors;

  function chooseProfile(id: string) {
    setProfileId(id);
    setMapping(presetMapping(columns.columns, profiles.find((p) => p.id === id) ?? null));
    setErrors(NO_ERRORS);
  }

  /** A 422 names `columns[i].field`: the select of the i-th column sent. */
  function locate(sent: ReturnType<typeof profileColumns>) {
    return (field: string): FieldTarget | undefined => {
      const m = /^columns\[(\d+)\]/.exec(field);
      const column = m ? sent[Number(m[1])]?.column : undefined;
      if (column) return { id: columnSelectId(column), label: `Column ${column.letter}` };
      return TARGETS[field];
    };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const found = mappingProblems(kind, columns.columns, mapping);
    const asNew = !profile || save === 'new';
    if (asNew && !name.trim()) found.push({ id: 'profile-name', text: 'Name of the mapping: enter a name to save it under' });
    setErrors(clientErrors(found));
    if (found.length > 0) return;
    const sent = profileColumns(columns.columns, mapping);
    const fromFile = sent.map((s) => s.body);
    const onError = (error: unknown) => setErrors(problemErrors(error, locate(sent)));
    if (asNew) {
      create.mutate({ kind, name: name.trim(), columns: fromFile }, { onSuccess: onMapped, onError });
      return;
    }
    const merged = mergeColumns(profile.columns, fromFile);
    if (sameColumns(merged, profile.columns)) {
      onMapped(profile);
      return;
    }
    update.mutate(
      { id: profile.id, version: profile.version, body: { columns: merged } },
      {
        onSuccess: onMapped,
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors({
              fields: {},
              summary: [{ text: `Someone else changed ‘${profile.name}’ after you opened it. Choose it again to see their change, or save as a new mapping.` }],
            });
            return;
          }
          onError(error);
        },
      },
    );
  }

  const nameField = (
    <TextInput
      id="profile-name"
      label="Name of the mapping"
      labelClass="govuk-label--s"
      hint="For example, Corporate tracker. Next time, choose it to read a file laid out the same way."
      error={errors.fields['profile-name']}
      value={name}
      onChange={setName}
    />
  );

  return (
    <>
      <PageTitle title={title} error={shown.summary.length > 0} />
      <ErrorSummary errors={shown.summary} />
      {caption ? <span className="govuk-caption-l">{caption}</span> : null}
      <h1 className="govuk-heading-l" tabIndex={-1}>
        {title}
      </h1>
      {intro}
      <p className="govuk-body">
        The headings are on row {columns.header_row}; {columns.data_rows} {columns.data_rows === 1 ? 'row is' : 'rows are'} below them.
      </p>
      <form onSubmit={submit} noValidate>
        {profiles.length > 0 ? (
          <Select
            id="profile_id"
            label="Saved column mapping"
            labelClass="govuk-label--s"
            hint="Choose the mapping saved for files laid out like this one, or start a new one from the suggestions."
            placeholder="New mapping…"
            options={profiles.map((p) => ({ value: p.id, label: p.name }))}
            value={profileId}
            onChange={chooseProfile}
          />
        ) : null}
        <ColumnMapping
          kind={kind}
          columns={columns.columns}
          mapping={mapping}
          onChange={setMapping}
          profile={profile}
          errors={errors.fields}
        />
        {profile ? (
          <Radios<Save>
            id="save"
            name="save"
            legend="Save the mapping"
            legendClass="govuk-fieldset__legend--m"
            options={[
              { value: 'update', label: `Save it as ‘${profile.name}’`, hint: 'Changes the saved mapping for every file read with it.' },
              { value: 'new', label: 'Save it as a new mapping', conditional: nameField },
            ]}
            value={save}
            onChange={setSave}
          />
        ) : (
          nameField
        )}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={pending}>
            Save the mapping and check the file
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onBack}>
            Choose a different file
          </button>
        </div>
        {pending ? (
          <p className="govuk-body" role="status">
            Saving the mapping…
          </p>
        ) : null}
      </form>
    </>
  );
}
