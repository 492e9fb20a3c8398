import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { CreateServiceAccount, Organisation, ServiceAccount, ServiceAccountCredentials } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Radios, Select, TextInput } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { roleLabel } from '@/features/auth/lib/roles';
import { formatInstant } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useAllOrganisations, useOrganisationNames } from '../api/organisations';
import {
  useCreateServiceAccount,
  useRotateSecret,
  useServiceAccounts,
  useUpdateServiceAccount,
  type ServiceAccountsQuery,
} from '../api/service-accounts';
import { needsCouncil, SERVICE_ACCOUNT_ROLES } from '../lib/access';
import { changedFields, clientErrors } from '../lib/form-errors';
import { boolParam } from '../lib/search';
import { useEditDraft } from '../lib/use-edit-draft';
import { useListParams } from '../lib/use-list-params';
import { ActiveTag } from './active-tag';
import { ActiveToggle } from './active-toggle';
import { AdminList } from './admin-list';
import { BackLink } from './back-link';
import { ButtonLink } from './button-link';
import { ConflictBanner } from './conflict-banner';
import { organisationFilter } from './list-filters';
import { SecretPanel } from './secret-panel';

const PAGE_SIZE = 25;

export function ServiceAccountsList() {
  const list = useListParams('/admin/service-accounts', ['organisation', 'active']);
  const { values, cursor } = list;
  const query: ServiceAccountsQuery = { limit: PAGE_SIZE };
  if (values.organisation) query.organisation_id = values.organisation;
  const active = boolParam(values.active ?? '');
  if (active !== undefined) query.active = active;
  if (cursor) query.cursor = cursor;
  const accounts = useServiceAccounts(query);
  const organisations = useAllOrganisations();
  const names = useOrganisationNames();
  return (
    <AdminList
      title="Service accounts"
      actions={
        <>
          <p className="govuk-body">Credentials for other systems, such as a partner's case system, to use the API.</p>
          <ButtonLink to="/admin/service-accounts/new">Add a service account</ButtonLink>
        </>
      }
      list={list}
      filters={[
        organisationFilter(organisations.data),
        {
          name: 'active',
          label: 'Status',
          all: 'Active and revoked',
          options: [
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Revoked' },
          ],
        },
      ]}
      query={accounts}
      columns={['Name', 'Organisation', 'Role', 'Status', 'Last used']}
      href={(a) => `/admin/service-accounts/${a.id}`}
      cells={(a) => (
        <>
          <td className="govuk-table__cell">{names.get(a.organisation_id) ?? ''}</td>
          <td className="govuk-table__cell">{roleLabel(a.role)}</td>
          <td className="govuk-table__cell">
            <ActiveTag active={a.active} inactive="Revoked" />
          </td>
          <td className="govuk-table__cell">{a.last_used_at ? formatInstant(a.last_used_at) : 'Never'}</td>
        </>
      )}
    />
  );
}

const TARGETS: Record<string, FieldTarget> = {
  name: { id: 'name', label: 'Name' },
  role: { id: 'role', label: 'Role' },
  organisation_id: { id: 'organisation_id', label: 'Organisation' },
};
const locate = (f: string) => TARGETS[f];

/** A new service account; the answer's secret is shown once, on this page. */
export function NewServiceAccount({ organisations }: { organisations: readonly Organisation[] }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<CreateServiceAccount['role'] | ''>('');
  const [organisation, setOrganisation] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [created, setCreated] = useState<ServiceAccountCredentials | null>(null);
  const create = useCreateServiceAccount();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const found: { id: string; text: string }[] = [];
    if (!name.trim()) found.push({ id: 'name', text: 'Name: enter a name for the system that will use it' });
    if (!role) found.push({ id: 'role', text: 'Role: choose a role' });
    if (!organisation) found.push({ id: 'organisation_id', text: 'Organisation: choose the organisation it acts for' });
    setErrors(clientErrors(found));
    if (found.length > 0 || !role) return;
    create.mutate(
      { name: name.trim(), role, organisation_id: organisation },
      { onSuccess: setCreated, onError: (error) => setErrors(problemErrors(error, locate)) },
    );
  }

  if (created) {
    return (
      <>
        <PageTitle title="Service account added" />
        <h1 className="govuk-heading-l">Service account added</h1>
        <SecretPanel credentials={created} heading={`${created.account.name} has been added`} />
        <p className="govuk-body">
          <Link to={`/admin/service-accounts/${created.account.id}`}>Go to the service account</Link>
        </p>
      </>
    );
  }
  const choices = organisations.filter((o) => !needsCouncil(role) || o.kind === 'council');
  return (
    <>
      <PageTitle title="Add a service account" error={errors.summary.length > 0} />
      <BackLink to="/admin/service-accounts">Service accounts</BackLink>
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Add a service account</h1>
      <form onSubmit={submit} noValidate>
        <TextInput id="name" label="Name" labelClass="govuk-label--s" hint="The system that will use it, for example Cleveland Police case system" error={errors.fields.name} value={name} onChange={setName} />
        <Radios
          id="role"
          name="role"
          legend="Role"
          error={errors.fields.role}
          value={role}
          onChange={(r) => {
            setRole(r);
            if (needsCouncil(r) && organisations.find((o) => o.id === organisation)?.kind !== 'council') setOrganisation('');
          }}
          options={SERVICE_ACCOUNT_ROLES.map((r) => ({ value: r.value, label: r.label, hint: r.hint }))}
        />
        <Select
          id="organisation_id"
          label="Organisation"
          labelClass="govuk-label--s"
          hint="The organisation it acts for. An officer account belongs to a council."
          error={errors.fields.organisation_id}
          value={organisation}
          onChange={setOrganisation}
          placeholder="Choose an organisation"
          options={choices.map((o) => ({ value: o.id, label: o.name }))}
        />
        <button type="submit" className="govuk-button" disabled={create.isPending}>
          Add service account
        </button>
      </form>
    </>
  );
}

type Draft = { name: string; role: ServiceAccount['role'] };
const draftOf = (a: ServiceAccount): Draft => ({ name: a.name, role: a.role });

/** One service account: rename it, change its role, revoke it, or give it a new secret. */
export function ServiceAccountDetail({
  account,
  organisationName,
  onReload,
}: {
  account: ServiceAccount;
  organisationName: string;
  onReload: () => Promise<unknown>;
}) {
  const edit = useEditDraft<ServiceAccount, Draft>(account, draftOf, draftOf(account));
  const { draft, setDraft } = edit;
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<ServiceAccountCredentials | null>(null);
  const [rotateErrors, setRotateErrors] = useState<FormErrors>(NO_ERRORS);
  const update = useUpdateServiceAccount(account.id);
  const rotate = useRotateSecret(account.id);

  function save(version: number) {
    setSaved(false);
    const found = draft.name.trim() ? [] : [{ id: 'name', text: 'Name: enter a name' }];
    setErrors(clientErrors(found));
    if (found.length > 0) return;
    const body = changedFields(draftOf(edit.base ?? account), { name: draft.name.trim(), role: draft.role });
    if (Object.keys(body).length === 0) return;
    update.mutate(
      { version, body },
      {
        onSuccess: (a) => {
          edit.saved(a);
          setSaved(true);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors(NO_ERRORS);
            edit.startConflict();
            void onReload();
            return;
          }
          setErrors(problemErrors(error, locate));
        },
      },
    );
  }

  function newSecret() {
    setRotateErrors(NO_ERRORS);
    rotate.mutate(account.version, {
      onSuccess: setSecret,
      onError: (error) => {
        if (error instanceof ApiError && error.status === 412) {
          void onReload();
          setRotateErrors({ fields: {}, summary: [{ text: 'Someone else changed this service account after you opened it. Check its details and try again.' }] });
          return;
        }
        setRotateErrors(problemErrors(error, () => undefined));
      },
    });
  }

  return (
    <>
      <PageTitle title={account.name} />
      <BackLink to="/admin/service-accounts">Service accounts</BackLink>
      {saved ? <NotificationBanner kind="success" heading="The service account has been saved" /> : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Service account</span>
        {account.name}
      </h1>
      <SummaryList
        rows={[
          { key: 'Client ID', value: <code className="app-admin-secret">{account.client_id}</code> },
          { key: 'Organisation', value: organisationName },
          { key: 'Role', value: roleLabel(account.role) },
          { key: 'Status', value: <ActiveTag active={account.active} inactive="Revoked" /> },
          { key: 'Secret last replaced', value: formatInstant(account.secret_rotated_at) },
          { key: 'Last used', value: account.last_used_at ? formatInstant(account.last_used_at) : 'Never' },
        ]}
      />

      <h2 className="govuk-heading-m">Client secret</h2>
      {secret ? (
        <SecretPanel credentials={secret} heading="The new client secret" />
      ) : (
        <>
          <ErrorSummary errors={rotateErrors.summary} />
          <p className="govuk-body">
            A new secret replaces the current one at once: the system using it must be given the new one.
          </p>
          <button type="button" className="govuk-button govuk-button--secondary" disabled={rotate.isPending || !account.active} onClick={newSecret}>
            Make a new client secret
          </button>
          {account.active ? null : <p className="govuk-body">A revoked account has no secret to replace.</p>}
        </>
      )}

      <h2 className="govuk-heading-m">Change its details</h2>
      <ErrorSummary errors={errors.summary} />
      {edit.conflict ? (
        <ConflictBanner what="this service account" ready={edit.latestReady} onKeepMine={() => save(edit.keepMine())} onTakeTheirs={edit.takeTheirs} />
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!update.isPending) save(edit.baseVersion);
        }}
        noValidate
      >
        <TextInput id="name" label="Name" labelClass="govuk-label--s" error={errors.fields.name} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
        <Radios
          id="role"
          name="role"
          legend="Role"
          error={errors.fields.role}
          value={draft.role}
          onChange={(role) => setDraft({ ...draft, role })}
          options={SERVICE_ACCOUNT_ROLES.map((r) => ({ value: r.value, label: r.label }))}
        />
        <button type="submit" className="govuk-button" disabled={update.isPending}>
          Save changes
        </button>
      </form>

      <h2 className="govuk-heading-m">Access</h2>
      <ActiveToggle
        active={account.active}
        what="service account"
        pending={update.isPending}
        onReload={onReload}
        deactivate={{ button: 'Revoke this service account', explain: 'It can no longer get tokens; tokens it holds stop working.' }}
        activate={{ button: 'Reactivate this service account', explain: 'This account is revoked. Reactivating lets it get tokens again with its secret.' }}
        onChange={(active, { onError }) => update.mutate({ version: account.version, body: { active } }, { onError })}
      />
    </>
  );
}
