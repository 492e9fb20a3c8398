import { useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { Contact, Organisation } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Select, TextInput } from '@/components/ui/form';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useContacts, useCreateContact, useUpdateContact, type ContactsQuery } from '../api/contacts';
import { useAllOrganisations, useOrganisationNames } from '../api/organisations';
import { useUsers } from '../api/users';
import type { AdminAccess } from '../lib/access';
import { changedFields, clientErrors, orNull } from '../lib/form-errors';
import { boolParam } from '../lib/search';
import { useEditDraft } from '../lib/use-edit-draft';
import { useListParams } from '../lib/use-list-params';
import { AdminList } from './admin-list';
import { BackLink } from './back-link';
import { ButtonLink } from './button-link';
import { ConflictBanner } from './conflict-banner';
import { organisationFilter } from './list-filters';

const PAGE_SIZE = 25;

/** Contacts by name, filtered by organisation and whether they have a user account. */
export function ContactsList() {
  const list = useListParams('/admin/contacts', ['organisation', 'has_user']);
  const { values, cursor } = list;
  const query: ContactsQuery = { limit: PAGE_SIZE };
  if (values.organisation) query.organisation_id = values.organisation;
  const hasUser = boolParam(values.has_user ?? '');
  if (hasUser !== undefined) query.has_user = hasUser;
  if (cursor) query.cursor = cursor;
  const contacts = useContacts(query);
  const organisations = useAllOrganisations();
  const names = useOrganisationNames();
  return (
    <AdminList
      title="Contacts"
      actions={<ButtonLink to="/admin/contacts/new">Add a contact</ButtonLink>}
      list={list}
      filters={[
        organisationFilter(organisations.data),
        {
          name: 'has_user',
          label: 'User account',
          all: 'With or without',
          options: [
            { value: 'true', label: 'Has a user account' },
            { value: 'false', label: 'No user account' },
          ],
        },
      ]}
      query={contacts}
      columns={['Name', 'Job title', 'Organisation', 'Email', 'Phone']}
      href={(c) => `/admin/contacts/${c.id}`}
      cells={(c) => (
        <>
          <td className="govuk-table__cell">{c.job_title ?? ''}</td>
          <td className="govuk-table__cell">{c.organisation_id ? (names.get(c.organisation_id) ?? '') : ''}</td>
          <td className="govuk-table__cell">{c.email ?? ''}</td>
          <td className="govuk-table__cell">{c.phone ?? ''}</td>
        </>
      )}
    />
  );
}

const TARGETS: Record<string, FieldTarget> = {
  name: { id: 'name', label: 'Full name' },
  job_title: { id: 'job_title', label: 'Job title' },
  email: { id: 'email', label: 'Email address' },
  phone: { id: 'phone', label: 'Phone number' },
  organisation_id: { id: 'organisation_id', label: 'Organisation' },
  user_id: { id: 'user_id', label: 'User account' },
};

type Draft = { name: string; job_title: string; email: string; phone: string; organisation_id: string; user_id: string };
const draftOf = (c: Contact): Draft => ({
  name: c.name,
  job_title: c.job_title ?? '',
  email: c.email ?? '',
  phone: c.phone ?? '',
  organisation_id: c.organisation_id ?? '',
  user_id: c.user_id ?? '',
});
const BLANK: Draft = { name: '', job_title: '', email: '', phone: '', organisation_id: '', user_id: '' };

function bodyOf(d: Draft) {
  return {
    name: d.name.trim(),
    job_title: orNull(d.job_title),
    email: orNull(d.email),
    phone: orNull(d.phone),
    organisation_id: orNull(d.organisation_id),
    user_id: orNull(d.user_id),
  };
}

/** The user accounts of an organisation, to link a contact to (admins only: officers cannot list users). */
function UserChoice({ organisationId, value, onChange, error }: { organisationId: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const users = useUsers({ organisation_id: organisationId, limit: 200 });
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));
  return (
    <Select
      id="user_id"
      label="User account (optional)"
      labelClass="govuk-label--s"
      hint="When the contact signs in to this service, the account they use"
      error={error}
      value={value}
      onChange={onChange}
      placeholder="None"
      options={options}
    />
  );
}

type FormProps = {
  contact?: Contact;
  access: AdminAccess;
  organisations: readonly Organisation[];
  onReload?: () => Promise<unknown>;
  onSaved: (contact: Contact) => void;
};

export function ContactForm({ contact, access, organisations, onReload, onSaved }: FormProps) {
  const edit = useEditDraft<Contact, Draft>(contact, draftOf, BLANK);
  const { draft, setDraft } = edit;
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateContact();
  const update = useUpdateContact(contact?.id ?? '');
  const pending = create.isPending || update.isPending;

  function save(version: number) {
    const found: { id: string; text: string }[] = [];
    if (!draft.name.trim()) found.push({ id: 'name', text: 'Full name: enter their name' });
    if (draft.email.trim() && !/^[^@\s]+@[^@\s]+$/.test(draft.email.trim())) {
      found.push({ id: 'email', text: 'Email address: enter an email address like name@example.gov.uk, or leave it blank' });
    }
    if (draft.phone.trim() && !/^[0-9 +()-]{1,40}$/.test(draft.phone.trim())) {
      found.push({ id: 'phone', text: 'Phone number: use digits, spaces and + ( ) -, or leave it blank' });
    }
    setErrors(clientErrors(found));
    if (found.length > 0) return;
    const onError = (error: unknown) => {
      if (error instanceof ApiError && error.status === 412) {
        setErrors(NO_ERRORS);
        edit.startConflict();
        void onReload?.();
        return;
      }
      setErrors(problemErrors(error, (f) => TARGETS[f]));
    };
    if (!contact) {
      create.mutate(bodyOf(draft), { onSuccess: onSaved, onError });
      return;
    }
    const body = changedFields(bodyOf(draftOf(edit.base ?? contact)), bodyOf(draft));
    if (Object.keys(body).length === 0) return onSaved(contact);
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

  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {edit.conflict && contact ? (
        <ConflictBanner what="this contact" ready={edit.latestReady} onKeepMine={() => save(edit.keepMine())} onTakeTheirs={edit.takeTheirs} />
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextInput id="name" label="Full name" labelClass="govuk-label--s" error={errors.fields.name} value={draft.name} onChange={set('name')} spellCheck={false} />
        <TextInput id="job_title" label="Job title (optional)" labelClass="govuk-label--s" error={errors.fields.job_title} value={draft.job_title} onChange={set('job_title')} />
        <Select
          id="organisation_id"
          label="Organisation (optional)"
          labelClass="govuk-label--s"
          hint="The organisation they work for"
          error={errors.fields.organisation_id}
          value={draft.organisation_id}
          onChange={(organisation_id) => setDraft({ ...draft, organisation_id, user_id: organisation_id === draft.organisation_id ? draft.user_id : '' })}
          placeholder="Not known"
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <TextInput id="email" label="Email address (optional)" labelClass="govuk-label--s" error={errors.fields.email} value={draft.email} onChange={set('email')} autoComplete="off" spellCheck={false} />
        <TextInput id="phone" label="Phone number (optional)" labelClass="govuk-label--s" width="govuk-input--width-20" error={errors.fields.phone} value={draft.phone} onChange={set('phone')} autoComplete="off" />
        {access.users && draft.organisation_id ? (
          <UserChoice organisationId={draft.organisation_id} value={draft.user_id} onChange={set('user_id')} error={errors.fields.user_id} />
        ) : null}
        <button type="submit" className="govuk-button" disabled={pending}>
          {contact ? 'Save changes' : 'Add contact'}
        </button>
      </form>
    </>
  );
}

export function ContactDetail({
  contact,
  access,
  organisations,
  onReload,
}: {
  contact: Contact;
  access: AdminAccess;
  organisations: readonly Organisation[];
  onReload: () => Promise<unknown>;
}) {
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageTitle title={contact.name} />
      <BackLink to="/admin/contacts">Contacts</BackLink>
      {saved ? <NotificationBanner kind="success" heading="The contact has been saved" /> : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Contact</span>
        {contact.name}
      </h1>
      <ContactForm key={contact.id} contact={contact} access={access} organisations={organisations} onReload={onReload} onSaved={() => setSaved(true)} />
    </>
  );
}
