import { useState, type FormEvent } from 'react';
import type { CreateUser, Me, Organisation, User } from '@/api/types';
import { ApiError } from '@/api/problem';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Radios, Select, TextInput } from '@/components/ui/form';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useCreateUser, useUpdateUser } from '../api/users';
import { needsCouncil, USER_ROLES } from '../lib/access';
import { changedFields, clientErrors } from '../lib/form-errors';
import { useEditDraft } from '../lib/use-edit-draft';
import { ConflictBanner } from './conflict-banner';

const TARGETS: Record<string, FieldTarget> = {
  name: { id: 'name', label: 'Full name' },
  email: { id: 'email', label: 'Email address' },
  role: { id: 'role', label: 'Role' },
  organisation_id: { id: 'organisation_id', label: 'Organisation' },
  password: { id: 'password', label: 'Password' },
};

const locate = (field: string) => TARGETS[field];

export const MIN_PASSWORD = 12;

/** What the form sends: a user's fields, each with a value. */
type Fields = { name: string; email: string; role: CreateUser['role']; organisation_id: string };
/** What is being typed: a new user has no role until one is chosen. */
type Draft = Omit<Fields, 'role'> & { role: Fields['role'] | '' };

function draftOf(user: User): Fields {
  return { name: user.name, email: user.email, role: user.role, organisation_id: user.organisation_id };
}

/** The organisations a role may belong to: admins and officers belong to councils. */
function organisationsFor(role: Draft['role'], organisations: readonly Organisation[]) {
  return organisations.filter((o) => !needsCouncil(role) || o.kind === 'council');
}

function check(draft: Draft, organisations: readonly Organisation[], password: string | null) {
  const found: { id: string; text: string }[] = [];
  if (!draft.name.trim()) found.push({ id: 'name', text: 'Full name: enter their name' });
  if (!draft.email.trim()) found.push({ id: 'email', text: 'Email address: enter their email address' });
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(draft.email.trim())) {
    found.push({ id: 'email', text: 'Email address: enter an email address like name@example.gov.uk' });
  }
  if (!draft.role) found.push({ id: 'role', text: 'Role: choose a role' });
  if (!draft.organisation_id) {
    found.push({
      id: 'organisation_id',
      text:
        draft.role === 'contributor'
          ? 'Organisation: choose the partner organisation they report for'
          : 'Organisation: choose their organisation',
    });
  } else if (draft.role && !organisationsFor(draft.role, organisations).some((o) => o.id === draft.organisation_id)) {
    found.push({ id: 'organisation_id', text: 'Organisation: an administrator or officer must belong to a council' });
  }
  if (password !== null && password.length < MIN_PASSWORD) {
    found.push({ id: 'password', text: `Password: must be at least ${MIN_PASSWORD} characters` });
  }
  return found;
}

type Props = {
  me: Me;
  organisations: readonly Organisation[];
  /** The user being changed; absent: a new user. */
  user?: User;
  /** Loads the latest version after a 412. */
  onReload?: () => Promise<unknown>;
  onSaved: (user: User) => void;
  onCancel?: () => void;
};

/**
 * A user's details, role and organisation. A new user is given a first password, which they can
 * change after signing in; a contributor must be given the partner organisation they report for.
 */
export function UserForm({ me, organisations, user, onReload, onSaved, onCancel }: Props) {
  const edit = useEditDraft<User, Draft>(user, draftOf, { name: '', email: '', role: '', organisation_id: '' });
  const { draft, setDraft } = edit;
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateUser();
  const update = useUpdateUser(user?.id ?? '');
  const pending = create.isPending || update.isPending;

  function setRole(role: Fields['role']) {
    const allowed = organisationsFor(role, organisations);
    let organisation = draft.organisation_id;
    if (role === 'contributor' && organisations.find((o) => o.id === organisation)?.kind === 'council') organisation = '';
    else if (organisation && !allowed.some((o) => o.id === organisation)) organisation = '';
    if (!organisation && role !== 'contributor' && !user) organisation = me.organisation.kind === 'council' ? me.organisation.id : '';
    setDraft({ ...draft, role, organisation_id: organisation });
  }

  function save(version: number) {
    const found = check(draft, organisations, user ? null : password);
    setErrors(clientErrors(found));
    const { role } = draft;
    if (found.length > 0 || !role) return;
    const onError = (error: unknown) => {
      if (error instanceof ApiError && error.status === 412) {
        setErrors(NO_ERRORS);
        edit.startConflict();
        void onReload?.();
        return;
      }
      setErrors(problemErrors(error, locate));
    };
    const clean: Fields = { ...draft, name: draft.name.trim(), email: draft.email.trim(), role };
    if (!user) {
      create.mutate({ ...clean, password }, { onSuccess: onSaved, onError });
      return;
    }
    const body = changedFields(draftOf(edit.base ?? user), clean);
    if (Object.keys(body).length === 0) {
      onSaved(user);
      return;
    }
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

  const choices = draft.role ? organisationsFor(draft.role, organisations) : organisations;
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {edit.conflict && user ? (
        <ConflictBanner
          what="this user"
          ready={edit.latestReady}
          onKeepMine={() => save(edit.keepMine())}
          onTakeTheirs={edit.takeTheirs}
        />
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextInput
          id="name"
          label="Full name"
          labelClass="govuk-label--s"
          autoComplete="off"
          spellCheck={false}
          error={errors.fields.name}
          value={draft.name}
          onChange={(name) => setDraft({ ...draft, name })}
        />
        <TextInput
          id="email"
          label="Email address"
          labelClass="govuk-label--s"
          hint="They sign in with it"
          autoComplete="off"
          spellCheck={false}
          error={errors.fields.email}
          value={draft.email}
          onChange={(email) => setDraft({ ...draft, email })}
        />
        <Radios
          id="role"
          name="role"
          legend="Role"
          error={errors.fields.role}
          value={draft.role}
          onChange={setRole}
          options={USER_ROLES.map((r) => ({ value: r.value, label: r.label, hint: r.hint }))}
        />
        <Select
          id="organisation_id"
          label="Organisation"
          labelClass="govuk-label--s"
          hint={
            draft.role === 'contributor'
              ? 'The partner organisation they report progress for'
              : needsCouncil(draft.role)
                ? 'Administrators and officers belong to a council'
                : undefined
          }
          error={errors.fields.organisation_id}
          value={draft.organisation_id}
          onChange={(organisation_id) => setDraft({ ...draft, organisation_id })}
          placeholder="Choose an organisation"
          options={choices.map((o) => ({ value: o.id, label: o.name }))}
        />
        {user ? null : (
          <PasswordInput value={password} onChange={setPassword} error={errors.fields.password} label="Password" />
        )}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={pending}>
            {user ? 'Save changes' : 'Add user'}
          </button>
          {onCancel ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}

/** A new password, typed once and shown on request. */
export function PasswordInput({
  value,
  onChange,
  error,
  label,
  id = 'password',
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  label: string;
  id?: string;
}) {
  const [shown, setShown] = useState(false);
  const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group govuk-password-input${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <div id={`${id}-hint`} className="govuk-hint">
        At least {MIN_PASSWORD} characters. Give it to them securely; they can change it after signing in.
      </div>
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          className={`govuk-input govuk-password-input__input govuk-js-password-input-input${error ? ' govuk-input--error' : ''}`}
          id={id}
          name={id}
          type={shown ? 'text' : 'password'}
          spellCheck={false}
          autoComplete="new-password"
          autoCapitalize="none"
          aria-describedby={described}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-password-input__toggle"
          aria-controls={id}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide' : 'Show'} <span className="govuk-visually-hidden">password</span>
        </button>
      </div>
    </div>
  );
}
