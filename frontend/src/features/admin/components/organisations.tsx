import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import { oneOf, type CreateOrganisation, type Organisation } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Radios, TextInput } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import {
  useCreateOrganisation,
  useOrganisations,
  useUpdateOrganisation,
  type OrganisationsQuery,
} from '../api/organisations';
import { kindLabel, ORGANISATION_KIND_VALUES, ORGANISATION_KINDS, type AdminAccess } from '../lib/access';
import { changedFields, clientErrors } from '../lib/form-errors';
import { boolParam } from '../lib/search';
import { useEditDraft } from '../lib/use-edit-draft';
import { useListParams } from '../lib/use-list-params';
import { AdminList } from './admin-list';
import { BackLink } from './back-link';
import { ButtonLink } from './button-link';
import { ConflictBanner } from './conflict-banner';

const PAGE_SIZE = 25;

/** Organisations by name, filtered by kind and responsible-authority status in the URL. */
export function OrganisationsList({ access }: { access: AdminAccess }) {
  const list = useListParams('/admin/organisations', ['kind', 'responsible']);
  const { values, cursor } = list;
  const query: OrganisationsQuery = { limit: PAGE_SIZE };
  const kind = oneOf(ORGANISATION_KIND_VALUES, values.kind);
  if (kind) query.kind = kind;
  const responsible = boolParam(values.responsible ?? '');
  if (responsible !== undefined) query.responsible_authority = responsible;
  if (cursor) query.cursor = cursor;
  const organisations = useOrganisations(query);
  return (
    <AdminList
      title="Organisations"
      actions={access.organisationsWrite ? <ButtonLink to="/admin/organisations/new">Add an organisation</ButtonLink> : null}
      list={list}
      filters={[
        { name: 'kind', label: 'Kind', all: 'All kinds', options: ORGANISATION_KINDS },
        {
          name: 'responsible',
          label: 'Responsible authority',
          all: 'Either',
          options: [
            { value: 'true', label: 'Responsible authorities' },
            { value: 'false', label: 'Not responsible authorities' },
          ],
        },
      ]}
      query={organisations}
      columns={['Name', 'Kind', 'Responsible authority']}
      href={(o) => `/admin/organisations/${o.id}`}
      cells={(o) => (
        <>
          <td className="govuk-table__cell">{kindLabel(o.kind)}</td>
          <td className="govuk-table__cell">{o.responsible_authority ? 'Yes' : 'No'}</td>
        </>
      )}
    />
  );
}

const TARGETS: Record<string, FieldTarget> = {
  name: { id: 'name', label: 'Name' },
  kind: { id: 'kind', label: 'Kind of organisation' },
  responsible_authority: { id: 'responsible_authority', label: 'Responsible authority' },
};

/** What the form sends: an organisation's fields, each with a value. */
type Fields = { name: string; kind: CreateOrganisation['kind']; responsible_authority: boolean };
/** What is being typed: a new organisation has no kind until one is chosen. */
type Draft = Omit<Fields, 'kind'> & { kind: Fields['kind'] | '' };
const draftOf = (o: Organisation): Fields => ({ name: o.name, kind: o.kind, responsible_authority: o.responsible_authority });

type FormProps = {
  organisation?: Organisation;
  onReload?: () => Promise<unknown>;
  onSaved: (organisation: Organisation) => void;
};

/** An organisation's name, kind and whether it is a statutory responsible authority. */
export function OrganisationForm({ organisation, onReload, onSaved }: FormProps) {
  const edit = useEditDraft<Organisation, Draft>(organisation, draftOf, { name: '', kind: '', responsible_authority: true });
  const { draft, setDraft } = edit;
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation(organisation?.id ?? '');
  const pending = create.isPending || update.isPending;

  function save(version: number) {
    const found: { id: string; text: string }[] = [];
    if (!draft.name.trim()) found.push({ id: 'name', text: 'Name: enter the name of the organisation' });
    const { kind } = draft;
    if (!kind) found.push({ id: 'kind', text: 'Kind of organisation: choose one' });
    setErrors(clientErrors(found));
    if (found.length > 0 || !kind) return;
    const onError = (error: unknown) => {
      if (error instanceof ApiError && error.status === 412) {
        setErrors(NO_ERRORS);
        edit.startConflict();
        void onReload?.();
        return;
      }
      setErrors(problemErrors(error, (f) => TARGETS[f]));
    };
    const clean: Fields = { ...draft, name: draft.name.trim(), kind };
    if (!organisation) {
      create.mutate(clean, { onSuccess: onSaved, onError });
      return;
    }
    const body = changedFields(draftOf(edit.base ?? organisation), clean);
    if (Object.keys(body).length === 0) return onSaved(organisation);
    update.mutate(
      { version, body },
      {
        onSuccess: (saved) => {
          edit.saved(saved);
          onSaved(saved);
        },
        onError,
      },
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) save(edit.baseVersion);
  }

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {edit.conflict && organisation ? (
        <ConflictBanner
          what="this organisation"
          ready={edit.latestReady}
          onKeepMine={() => save(edit.keepMine())}
          onTakeTheirs={edit.takeTheirs}
        />
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextInput
          id="name"
          label="Name"
          labelClass="govuk-label--s"
          hint="As the committee papers write it, for example Cleveland Police"
          error={errors.fields.name}
          value={draft.name}
          onChange={(name) => setDraft({ ...draft, name })}
        />
        <Radios
          id="kind"
          name="kind"
          legend="Kind of organisation"
          error={errors.fields.kind}
          value={draft.kind}
          onChange={(kind) =>
            setDraft({ ...draft, kind, responsible_authority: organisation ? draft.responsible_authority : kind !== 'other' })
          }
          options={ORGANISATION_KINDS}
        />
        <Radios
          id="responsible_authority"
          name="responsible_authority"
          legend="Is it a responsible authority?"
          hint="A statutory crime-and-disorder responsible authority, such as the council, police, fire and rescue, health and probation services."
          error={errors.fields.responsible_authority}
          value={draft.responsible_authority ? 'yes' : 'no'}
          onChange={(v) => setDraft({ ...draft, responsible_authority: v === 'yes' })}
          inline
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
        />
        <button type="submit" className="govuk-button" disabled={pending}>
          {organisation ? 'Save changes' : 'Add organisation'}
        </button>
      </form>
    </>
  );
}

/** One organisation: its details, changed by admins; a council's settings are linked from it. */
export function OrganisationDetail({
  organisation,
  access,
  onReload,
}: {
  organisation: Organisation;
  access: AdminAccess;
  onReload: () => Promise<unknown>;
}) {
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageTitle title={organisation.name} />
      <BackLink to="/admin/organisations">Organisations</BackLink>
      {saved ? <NotificationBanner kind="success" heading="The organisation has been saved" /> : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Organisation</span>
        {organisation.name}
      </h1>
      <SummaryList
        rows={[
          { key: 'Kind', value: kindLabel(organisation.kind) },
          {
            key: 'Responsible authority',
            value: organisation.responsible_authority ? <Tag colour="blue">Responsible authority</Tag> : 'No',
          },
        ]}
      />
      <ul className="govuk-list">
        <li>
          <Link to={`/admin/contacts?organisation=${organisation.id}`}>Contacts at {organisation.name}</Link>
        </li>
        {access.users ? (
          <li>
            <Link to={`/admin/users?organisation=${organisation.id}`}>Users at {organisation.name}</Link>
          </li>
        ) : null}
        {organisation.kind === 'council' && access.organisationsWrite ? (
          <li>
            <Link to={`/admin/councils/${organisation.id}/settings`}>Council settings</Link>
          </li>
        ) : null}
      </ul>
      {access.organisationsWrite ? (
        <>
          <h2 className="govuk-heading-m">Change its details</h2>
          <OrganisationForm key={organisation.id} organisation={organisation} onReload={onReload} onSaved={() => setSaved(true)} />
        </>
      ) : null}
    </>
  );
}
