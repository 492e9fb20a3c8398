// Identity providers: an administrator registers the OpenID Connect provider their council's people
// sign in with (its issuer and client, the scopes asked for), the rules that give roles from its
// claims, whether it makes accounts for people the council does not know yet and for which email
// domains; changes it, turns it off, or removes it. The client secret is written, never shown.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '@/api/problem';
import type { CreateIdentityProvider, IdentityProvider, Me, Role, UpdateIdentityProvider } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { ErrorMessage, Select, Textarea, TextInput } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { formatInstant } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import {
  useCreateIdentityProvider,
  useIdentityProviders,
  useRemoveIdentityProvider,
  useUpdateIdentityProvider,
  type IdentityProvidersQuery,
} from '../api/identity-providers';
import { useAllOrganisations, useOrganisationNames } from '../api/organisations';
import { COUNCIL_ROLES } from '../lib/access';
import { changedFields, clientErrors } from '../lib/form-errors';
import { useEditDraft } from '../lib/use-edit-draft';
import { useListParams } from '../lib/use-list-params';
import { BackLink } from './back-link';
import { ButtonLink } from './button-link';
import { ConflictBanner } from './conflict-banner';
import { ListState, ScrollTable } from './list-state';

const PAGE_SIZE = 25;
const BASE = '/admin/identity-providers';
export const DEFAULT_SCOPES = 'openid email profile';

/** An operator (an administrator outside any council) says which council a provider is for. */
function isOperator(me: Me): boolean {
  return me.organisation.kind !== 'council';
}

function roleName(role: string): string {
  return COUNCIL_ROLES.find((r) => r.value === role)?.label ?? role;
}

function StatusTag({ provider }: { provider: IdentityProvider }) {
  return provider.enabled ? <Tag colour="green">On</Tag> : <Tag colour="grey">Off</Tag>;
}

function newAccounts(provider: IdentityProvider): string {
  if (!provider.create_users) return 'Not made: only people who already have an account';
  return provider.email_domains.length === 0 ? 'Made for anyone' : `Made for ${provider.email_domains.join(', ')}`;
}

/** What to register at the provider for this service: where it sends people back to. */
function RegistrationAddresses() {
  const origin = window.location.origin;
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body">Register this service at the identity provider with these addresses:</p>
      <SummaryList
        rows={[
          { key: 'Redirect URI', value: <code className="app-break-anywhere">{`${origin}/api/v1/auth/oidc/callback`}</code> },
          { key: 'Sign-out redirect URI (post-logout)', value: <code className="app-break-anywhere">{`${origin}/sign-in`}</code> },
        ]}
      />
    </div>
  );
}

/** The council's identity providers (every council's, for an operator). */
export function IdentityProvidersList({ me }: { me: Me }) {
  const list = useListParams(BASE, []);
  const query: IdentityProvidersQuery = { limit: PAGE_SIZE };
  if (list.cursor) query.cursor = list.cursor;
  const providers = useIdentityProviders(query);
  const operator = isOperator(me);
  return (
    <>
      <PageTitle title="Identity providers" />
      <BackLink to="/admin">Administration</BackLink>
      <h1 className="govuk-heading-l">Identity providers</h1>
      <p className="govuk-body">
        Your council&apos;s people can sign in with the accounts they use at work: each identity provider here (OpenID
        Connect, such as Microsoft Entra ID or Google Workspace) is a button on the sign-in page. Its rules give people
        their role from the groups the provider says they are in.
      </p>
      <ButtonLink to={`${BASE}/new`}>Add an identity provider</ButtonLink>
      <ListState query={providers} what="the identity providers" firstPage={list.path()} empty="There are no identity providers yet.">
        {(items) => (
          <>
            <ScrollTable label="Identity providers">
              <table className="govuk-table">
                <caption className="govuk-table__caption govuk-table__caption--m">Identity providers</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Name
                    </th>
                    {operator ? (
                      <th scope="col" className="govuk-table__header">
                        Council
                      </th>
                    ) : null}
                    <th scope="col" className="govuk-table__header">
                      Issuer
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Sign-in
                    </th>
                    <th scope="col" className="govuk-table__header">
                      New accounts
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {items.map((p) => (
                    <tr className="govuk-table__row" key={p.id}>
                      <th scope="row" className="govuk-table__header">
                        <Link to={`${BASE}/${p.id}`}>{p.name}</Link>
                      </th>
                      {operator ? (
                        <td className="govuk-table__cell">
                          <CouncilName id={p.council_id} />
                        </td>
                      ) : null}
                      <td className="govuk-table__cell app-break-anywhere">{p.issuer}</td>
                      <td className="govuk-table__cell">
                        <StatusTag provider={p} />
                      </td>
                      <td className="govuk-table__cell">{p.create_users ? 'Made' : 'Not made'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            <NextPage
              next={providers.data?.next_cursor ? list.path(providers.data.next_cursor) : null}
              first={list.cursor ? list.path() : null}
            />
          </>
        )}
      </ListState>
    </>
  );
}

/** A council's name, for an operator's pages (councils' administrators see only their own). */
function CouncilName({ id }: { id: string }) {
  const names = useOrganisationNames();
  return <>{names.get(id) ?? 'A council'}</>;
}

/** A rule as typed: its claim, the value it must have or contain, the role it gives. */
type RuleDraft = { claim: string; value: string; role: Role | '' };

type Draft = {
  council_id: string;
  name: string;
  issuer: string;
  client_id: string;
  scopes: string;
  rules: RuleDraft[];
  create_users: boolean;
  /** One a line. */
  email_domains: string;
  enabled: boolean;
};

const BLANK: Draft = {
  council_id: '',
  name: '',
  issuer: '',
  client_id: '',
  scopes: DEFAULT_SCOPES,
  rules: [],
  create_users: false,
  email_domains: '',
  enabled: true,
};

const draftOf = (p: IdentityProvider): Draft => ({
  council_id: p.council_id,
  name: p.name,
  issuer: p.issuer,
  client_id: p.client_id,
  scopes: p.scopes,
  rules: p.role_mappings.map((m) => ({ claim: m.claim, value: m.value, role: m.role })),
  create_users: p.create_users,
  email_domains: p.email_domains.join('\n'),
  enabled: p.enabled,
});

/** "a.gov.uk\n\n b.gov.uk, c.gov.uk " → ["a.gov.uk", "b.gov.uk", "c.gov.uk"]: one a line. */
function domainList(text: string): string[] {
  return text
    .split(/[\r\n,]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}

function rulesOf(rules: readonly RuleDraft[]) {
  return rules.map((r) => ({ claim: r.claim.trim(), value: r.value.trim(), role: r.role as Role }));
}

const TARGETS: Record<string, FieldTarget> = {
  council_id: { id: 'council_id', label: 'Council' },
  name: { id: 'name', label: 'Name on the sign-in button' },
  issuer: { id: 'issuer', label: 'Issuer' },
  client_id: { id: 'client_id', label: 'Client ID' },
  client_secret: { id: 'client_secret', label: 'Client secret' },
  scopes: { id: 'scopes', label: 'Scopes' },
  role_mappings: { id: 'role_mappings', label: 'Role rules' },
  create_users: { id: 'create_users', label: 'Create accounts' },
  email_domains: { id: 'email_domains', label: 'Email domains' },
  enabled: { id: 'enabled', label: 'Sign-in' },
};

const RULE_PARTS: Record<string, string> = { claim: 'claim', value: 'value', role: 'role' };

/**
 * Where an API field is on the form: `role_mappings[0].role` is the first rule's role,
 * `email_domains[1]` the second domain sent (named, since the text area holds them all).
 */
function locator(domains: readonly string[]) {
  return (field: string): FieldTarget | undefined => {
    const rule = /^role_mappings\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (rule) {
      const i = Number(rule[1]);
      const part = rule[2] && RULE_PARTS[rule[2]] ? rule[2] : 'claim';
      return { id: `rule-${i}-${part}`, label: rule[2] ? `Rule ${i + 1} ${RULE_PARTS[part]}` : `Rule ${i + 1}` };
    }
    const domain = /^email_domains\[(\d+)\]$/.exec(field);
    if (domain) {
      const sent = domains[Number(domain[1])];
      return { id: 'email_domains', label: sent ? `Email domain ${sent}` : 'Email domains' };
    }
    return TARGETS[field.replace(/\[\d+\].*$/, '')];
  };
}

/** Problems the API would also find, each said next to its field. */
function check(draft: Draft, { operator, creating }: { operator: boolean; creating: boolean }) {
  const found: { id: string; text: string }[] = [];
  if (creating && operator && !draft.council_id) {
    found.push({ id: 'council_id', text: 'Council: choose the council whose people sign in with it' });
  }
  if (!draft.name.trim()) {
    found.push({ id: 'name', text: 'Name on the sign-in button: enter a name, for example Stockton-on-Tees Borough Council staff' });
  }
  const issuer = draft.issuer.trim();
  if (!issuer) found.push({ id: 'issuer', text: "Issuer: enter the provider's issuer address" });
  else if (!/^https?:\/\/[^\s/]+/i.test(issuer)) {
    found.push({ id: 'issuer', text: 'Issuer: enter an address starting with https://' });
  }
  if (!draft.client_id.trim()) found.push({ id: 'client_id', text: 'Client ID: enter the client ID the provider gave' });
  if (!creating && !draft.scopes.trim()) {
    found.push({ id: 'scopes', text: `Scopes: enter the scopes, separated by spaces, for example ${DEFAULT_SCOPES}` });
  }
  draft.rules.forEach((r, i) => {
    const n = i + 1;
    if (!r.claim.trim()) found.push({ id: `rule-${i}-claim`, text: `Rule ${n} claim: enter the claim, for example groups` });
    if (!r.value.trim()) {
      found.push({ id: `rule-${i}-value`, text: `Rule ${n} value: enter the value the claim must have or contain` });
    }
    if (!r.role) found.push({ id: `rule-${i}-role`, text: `Rule ${n} role: choose the role it gives` });
  });
  return found;
}

/** One checkbox with its label and hint, outside a list of choices. */
function Checkbox({
  id,
  label,
  hint,
  checked,
  onChange,
  error,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
}) {
  const describedBy = [hint ? `${id}-item-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <ErrorMessage id={id} error={error} />
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            aria-describedby={describedBy || undefined}
            onChange={(e) => onChange(e.target.checked)}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint ? (
            <div id={`${id}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The rules that give roles from the provider's claims: a row each, added and removed. */
function RoleRules({
  rules,
  onChange,
  errors,
  level,
}: {
  rules: RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
  errors: Record<string, string>;
  level: 2 | 3;
}) {
  const set = (i: number, patch: Partial<RuleDraft>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const Heading = level === 2 ? 'h2' : 'h3';
  const error = errors.role_mappings;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Heading className="govuk-heading-m" id="role_mappings" tabIndex={-1}>
        Role rules
      </Heading>
      <p className="govuk-body">
        A rule gives a role to the people whose claim has the value, or, for a list such as groups, contains it, for
        example the group scrutiny-officers. When several rules match, the highest role wins. The rules set the role at
        each sign-in; a person no rule matches keeps their role, and a new account is a viewer.
      </p>
      <ErrorMessage id="role_mappings" error={error} />
      {rules.length === 0 ? <p className="govuk-body">There are no rules yet.</p> : null}
      {rules.map((rule, i) => {
        const n = i + 1;
        const p = `rule-${i}`;
        return (
          // The position is the rule's identity: the API names a rule at fault by its index.
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={i}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Rule {n}</legend>
            <TextInput
              id={`${p}-claim`}
              label="Claim"
              hint="The claim read, for example groups, roles or department"
              width="govuk-input--width-20"
              spellCheck={false}
              error={errors[`${p}-claim`]}
              value={rule.claim}
              onChange={(claim) => set(i, { claim })}
            />
            <TextInput
              id={`${p}-value`}
              label="Value"
              hint="What the claim must be or contain, exactly, for example scrutiny-officers"
              spellCheck={false}
              error={errors[`${p}-value`]}
              value={rule.value}
              onChange={(value) => set(i, { value })}
            />
            <Select
              id={`${p}-role`}
              label="Role"
              placeholder="Choose a role"
              options={COUNCIL_ROLES.map((r) => ({ value: r.value, label: r.label }))}
              error={errors[`${p}-role`]}
              value={rule.role}
              onChange={(role) => set(i, { role: role as Role | '' })}
            />
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => onChange(rules.filter((_, j) => j !== i))}
            >
              Remove rule {n}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onChange([...rules, { claim: '', value: '', role: '' }])}>
        Add a rule
      </button>
    </div>
  );
}

type SecretDraft = { secret: string; remove: boolean };

function Fields({
  draft,
  setDraft,
  secret,
  setSecret,
  errors,
  provider,
  level,
}: {
  draft: Draft;
  setDraft: (d: Draft) => void;
  secret: SecretDraft;
  setSecret: (s: SecretDraft) => void;
  errors: FormErrors;
  /** The provider being changed; absent: a new one. */
  provider?: IdentityProvider | undefined;
  level: 2 | 3;
}) {
  const kept = provider?.has_client_secret ?? false;
  return (
    <>
      <TextInput
        id="name"
        label="Name on the sign-in button"
        labelClass="govuk-label--s"
        hint="The button says “Sign in with” and this, for example Stockton-on-Tees Borough Council staff"
        error={errors.fields.name}
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
      />
      <TextInput
        id="issuer"
        label="Issuer"
        labelClass="govuk-label--s"
        hint="The provider's OpenID Connect issuer, an https address, for example https://login.microsoftonline.com/your-tenant-id/v2.0"
        error={errors.fields.issuer}
        value={draft.issuer}
        onChange={(issuer) => setDraft({ ...draft, issuer })}
        spellCheck={false}
      />
      <TextInput
        id="client_id"
        label="Client ID"
        labelClass="govuk-label--s"
        hint="The ID the provider gave this service when you registered it"
        error={errors.fields.client_id}
        value={draft.client_id}
        onChange={(client_id) => setDraft({ ...draft, client_id })}
        spellCheck={false}
        autoComplete="off"
      />
      <TextInput
        id="client_secret"
        type="password"
        label={provider ? 'New client secret (optional)' : 'Client secret (optional)'}
        labelClass="govuk-label--s"
        hint={
          !provider
            ? 'For a confidential client. Leave it empty for a public client, which uses PKCE only. It is never shown again.'
            : kept
              ? 'A secret is kept. Leave this empty to keep it.'
              : 'None is kept: it is a public client, using PKCE only. Enter one to make it a confidential client.'
        }
        error={errors.fields.client_secret}
        value={secret.secret}
        onChange={(value) => setSecret({ ...secret, secret: value })}
        autoComplete="new-password"
        spellCheck={false}
      />
      {provider && kept ? (
        <Checkbox
          id="remove_client_secret"
          label="Remove the client secret (public client using PKCE only)"
          checked={secret.remove}
          onChange={(remove) => setSecret({ ...secret, remove })}
        />
      ) : null}
      <TextInput
        id="scopes"
        label="Scopes"
        labelClass="govuk-label--s"
        hint={`Separated by spaces, with openid. Add the scope that gives the groups claim if your rules read it, for example ${DEFAULT_SCOPES} groups`}
        error={errors.fields.scopes}
        value={draft.scopes}
        onChange={(scopes) => setDraft({ ...draft, scopes })}
        spellCheck={false}
      />
      <RoleRules rules={draft.rules} onChange={(rules) => setDraft({ ...draft, rules })} errors={errors.fields} level={level} />
      <Checkbox
        id="create_users"
        label="Create accounts for people the council does not know yet"
        hint="Someone signing in for the first time gets an account of your council: a viewer, unless a rule gives them another role. Otherwise only people who already have an account, with the same verified email address, can sign in."
        checked={draft.create_users}
        onChange={(create_users) => setDraft({ ...draft, create_users })}
        error={errors.fields.create_users}
      />
      <Textarea
        id="email_domains"
        label="Email domains for new accounts (optional)"
        labelClass="govuk-label--s"
        hint="One a line, for example stockton.gov.uk. New accounts are made only for addresses in these domains; leave it empty for any."
        rows={3}
        error={errors.fields.email_domains}
        value={draft.email_domains}
        onChange={(email_domains) => setDraft({ ...draft, email_domains })}
      />
      <Checkbox
        id="enabled"
        label="Turned on: offer it on the sign-in page"
        hint="Turned off, its button is gone and nobody can sign in with it."
        checked={draft.enabled}
        onChange={(enabled) => setDraft({ ...draft, enabled })}
        error={errors.fields.enabled}
      />
    </>
  );
}

/** An operator chooses the council; a council's administrator registers their own council's. */
function CouncilField({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string | undefined }) {
  const organisations = useAllOrganisations();
  if (organisations.isPending) return <Loading label="Loading the councils" />;
  if (organisations.isError) return <QueryError error={organisations.error} what="the councils" />;
  return (
    <Select
      id="council_id"
      label="Council"
      labelClass="govuk-label--s"
      hint="Whose people sign in with it"
      placeholder="Choose a council"
      options={organisations.data.filter((o) => o.kind === 'council').map((o) => ({ value: o.id, label: o.name }))}
      error={error}
      value={value}
      onChange={onChange}
    />
  );
}

/** A new identity provider; then its page. */
export function NewIdentityProvider({ me }: { me: Me }) {
  const navigate = useNavigate();
  const operator = isOperator(me);
  const [draft, setDraft] = useState<Draft>(BLANK);
  const [secret, setSecret] = useState<SecretDraft>({ secret: '', remove: false });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateIdentityProvider();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const found = check(draft, { operator, creating: true });
    setErrors(clientErrors(found));
    if (found.length > 0) return;
    const domains = domainList(draft.email_domains);
    const body: CreateIdentityProvider = {
      name: draft.name.trim(),
      issuer: draft.issuer.trim(),
      client_id: draft.client_id.trim(),
      scopes: draft.scopes.trim() || null,
      role_mappings: rulesOf(draft.rules),
      create_users: draft.create_users,
      email_domains: domains,
      enabled: draft.enabled,
    };
    if (secret.secret) body.client_secret = secret.secret;
    if (operator) body.council_id = draft.council_id;
    create.mutate(body, {
      onSuccess: (provider) => void navigate(`${BASE}/${provider.id}`),
      onError: (error) => setErrors(problemErrors(error, locator(domains))),
    });
  }

  return (
    <>
      <PageTitle title="Add an identity provider" error={errors.summary.length > 0} />
      <BackLink to={BASE}>Identity providers</BackLink>
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Add an identity provider</h1>
      <p className="govuk-body">
        First register this service at your council&apos;s identity provider as an OpenID Connect web application. It
        gives you a client ID, and a client secret unless it is a public client.
      </p>
      <RegistrationAddresses />
      <form onSubmit={submit} noValidate>
        {operator ? (
          <CouncilField value={draft.council_id} onChange={(council_id) => setDraft({ ...draft, council_id })} error={errors.fields.council_id} />
        ) : null}
        <Fields draft={draft} setDraft={setDraft} secret={secret} setSecret={setSecret} errors={errors} level={2} />
        <button type="submit" className="govuk-button" disabled={create.isPending}>
          Add identity provider
        </button>
      </form>
    </>
  );
}

/** One identity provider: its details, a form to change them, and a link to remove it. */
export function IdentityProviderDetail({
  me,
  provider,
  onReload,
}: {
  me: Me;
  provider: IdentityProvider;
  onReload: () => Promise<unknown>;
}) {
  const edit = useEditDraft<IdentityProvider, Draft>(provider, draftOf, BLANK);
  const { draft, setDraft } = edit;
  const [secret, setSecret] = useState<SecretDraft>({ secret: '', remove: false });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const update = useUpdateIdentityProvider(provider.id);

  function save(version: number) {
    setSaved(false);
    const found = check(draft, { operator: isOperator(me), creating: false });
    if (secret.remove && secret.secret) {
      found.push({ id: 'client_secret', text: 'Client secret: enter a new secret, or remove the secret, not both' });
    }
    setErrors(clientErrors(found));
    if (found.length > 0) return;
    const from = draftOf(edit.base ?? provider);
    const body: UpdateIdentityProvider = changedFields(
      { name: from.name, issuer: from.issuer, client_id: from.client_id, scopes: from.scopes },
      { name: draft.name.trim(), issuer: draft.issuer.trim(), client_id: draft.client_id.trim(), scopes: draft.scopes.trim() },
    );
    const rules = rulesOf(draft.rules);
    if (JSON.stringify(rules) !== JSON.stringify(rulesOf(from.rules))) body.role_mappings = rules;
    const domains = domainList(draft.email_domains);
    if (JSON.stringify(domains) !== JSON.stringify(domainList(from.email_domains))) body.email_domains = domains;
    if (draft.create_users !== from.create_users) body.create_users = draft.create_users;
    if (draft.enabled !== from.enabled) body.enabled = draft.enabled;
    // A new secret; null makes it a public client; absent keeps the secret.
    if (secret.secret) body.client_secret = secret.secret;
    else if (secret.remove) body.client_secret = null;
    if (Object.keys(body).length === 0) {
      setSaved(true);
      return;
    }
    update.mutate(
      { version, body },
      {
        onSuccess: (p) => {
          edit.saved(p);
          setSecret({ secret: '', remove: false });
          setSaved(true);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors(NO_ERRORS);
            edit.startConflict();
            void onReload();
            return;
          }
          setErrors(problemErrors(error, locator(domains)));
        },
      },
    );
  }

  return (
    <>
      <PageTitle title={`Identity provider ${provider.name}`} error={errors.summary.length > 0} />
      <BackLink to={BASE}>Identity providers</BackLink>
      {saved ? <NotificationBanner kind="success" heading="The identity provider has been saved" /> : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Identity provider</span>
        {provider.name}
      </h1>
      <SummaryList
        rows={[
          { key: 'Council', value: isOperator(me) ? <CouncilName id={provider.council_id} /> : null },
          { key: 'Sign-in', value: <StatusTag provider={provider} /> },
          { key: 'Issuer', value: <span className="app-break-anywhere">{provider.issuer}</span> },
          { key: 'Client ID', value: <span className="app-break-anywhere">{provider.client_id}</span> },
          {
            key: 'Client secret',
            value: provider.has_client_secret ? 'Kept (a confidential client)' : 'None (a public client, using PKCE only)',
          },
          { key: 'Scopes', value: provider.scopes },
          {
            key: 'Role rules',
            value:
              provider.role_mappings.length === 0 ? (
                'None'
              ) : (
                <ul className="govuk-list">
                  {provider.role_mappings.map((m, i) => (
                    <li key={i}>
                      {m.claim} = {m.value}: {roleName(m.role)}
                    </li>
                  ))}
                </ul>
              ),
          },
          { key: 'New accounts', value: newAccounts(provider) },
          { key: 'Added', value: formatInstant(provider.created_at) },
          { key: 'Last changed', value: formatInstant(provider.updated_at) },
        ]}
      />
      <RegistrationAddresses />

      <h2 className="govuk-heading-m">Change its details</h2>
      <ErrorSummary errors={errors.summary} />
      {edit.conflict ? (
        <ConflictBanner
          what="this identity provider"
          ready={edit.latestReady}
          onKeepMine={() => save(edit.keepMine())}
          onTakeTheirs={edit.takeTheirs}
        />
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!update.isPending) save(edit.baseVersion);
        }}
        noValidate
      >
        <Fields
          draft={draft}
          setDraft={setDraft}
          secret={secret}
          setSecret={setSecret}
          errors={errors}
          provider={provider}
          level={3}
        />
        <button type="submit" className="govuk-button" disabled={update.isPending}>
          Save changes
        </button>
      </form>

      <h2 className="govuk-heading-m">Remove it</h2>
      <p className="govuk-body">
        <Link to={`${BASE}/${provider.id}/remove`}>Remove this identity provider</Link>
      </p>
    </>
  );
}

/** Removing an identity provider, after asking. */
export function RemoveIdentityProviderPage({ provider }: { provider: IdentityProvider }) {
  const navigate = useNavigate();
  const remove = useRemoveIdentityProvider(provider.id);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const back = `${BASE}/${provider.id}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (remove.isPending) return;
    setErrors(NO_ERRORS);
    remove.mutate(provider.version, {
      onSuccess: () => void navigate(BASE),
      onError: (error) =>
        setErrors(
          error instanceof ApiError && error.status === 412
            ? {
                fields: {},
                summary: [{ text: 'Someone else changed this identity provider after you opened it. Check its details, then remove it again.' }],
              }
            : problemErrors(error, () => undefined),
        ),
    });
  }
  return (
    <>
      <PageTitle title="Remove the identity provider" error={errors.summary.length > 0} />
      <BackLink to={back}>The identity provider</BackLink>
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Remove the identity provider {provider.name}?</h1>
      <p className="govuk-body">
        Its button goes from the sign-in page and nobody can sign in with it any more. The people who did keep their
        accounts, and can sign in with a password if they have one. This cannot be undone.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--warning" disabled={remove.isPending}>
            Remove identity provider
          </button>
          <Link to={back}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
