import { screen, waitFor, within } from '@testing-library/react';
import type { Organisation } from '@/api/types';
import { COUNCIL_ID, IDP_ID, identityProvider, me, POLICE_ID } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const admin = () => me({ role: 'admin', name: 'Demo Admin', email: 'admin@stockton.example' });
const operator = () =>
  me({
    role: 'admin',
    name: 'Service Operator',
    email: 'operator@service.example',
    organisation: { id: '00000000-0000-4000-8000-00000000000f', name: 'Service operator', kind: 'other' },
  });

function organisation(o: Pick<Organisation, 'id' | 'name' | 'kind'>): Organisation {
  const t = '2022-01-01T00:00:00Z';
  return { ...o, responsible_authority: false, created_at: t, updated_at: t, version: 1 };
}

function setup(path: string, who = admin()) {
  signedIn();
  let current = identityProvider();
  const server = mockApi()
    .get('/api/v1/me', () => who)
    .get('/api/v1/identity-providers', () => ({ items: [current] }))
    .get(`/api/v1/identity-providers/${IDP_ID}`, () => current);
  const set = (next: typeof current) => {
    current = next;
  };
  return { server, set, ...renderApp(path) };
}

describe('identity providers', () => {
  it('are listed for administrators, from the administration home', async () => {
    const { user } = setup('/admin');
    await user.click(await screen.findByRole('link', { name: 'Identity providers' }, LOADED));
    const table = await screen.findByRole('table', { name: 'Identity providers' });
    const row = within(table).getByRole('row', { name: /Stockton-on-Tees Borough Council staff/ });
    expect(row).toHaveTextContent('https://login.microsoftonline.com/');
    expect(row).toHaveTextContent('On');
    expect(row).toHaveTextContent('Made');
    expect(within(row).getByRole('link', { name: 'Stockton-on-Tees Borough Council staff' })).toHaveAttribute(
      'href',
      `/admin/identity-providers/${IDP_ID}`,
    );
  });

  it('are not for officers', async () => {
    setup('/admin/identity-providers', me());
    expect(await screen.findByRole('heading', { level: 1, name: 'You cannot use this page' }, LOADED)).toBeInTheDocument();
  });

  it('are added with role rules, after the addresses to register are shown', async () => {
    const { server, set, user } = setup('/admin/identity-providers/new');
    server.post('/api/v1/identity-providers', (call) => {
      const created = identityProvider({ ...(call.body as object), id: IDP_ID, has_client_secret: true });
      set(created);
      return json(created, 201);
    });
    await screen.findByRole('heading', { level: 1, name: 'Add an identity provider' }, LOADED);
    expect(screen.getByText(`${window.location.origin}/api/v1/auth/oidc/callback`)).toBeInTheDocument();
    expect(screen.getByText(`${window.location.origin}/sign-in`)).toBeInTheDocument();

    // What is missing is said first, next to each field.
    await user.click(screen.getByRole('button', { name: 'Add identity provider' }));
    expect(await screen.findByRole('link', { name: /^Name on the sign-in button: enter a name/ })).toHaveAttribute('href', '#name');
    expect(screen.getByRole('link', { name: "Issuer: enter the provider's issuer address" })).toHaveAttribute('href', '#issuer');
    expect(screen.getByRole('link', { name: 'Client ID: enter the client ID the provider gave' })).toHaveAttribute('href', '#client_id');
    expect(server.callsTo('POST', '/api/v1/identity-providers')).toHaveLength(0);

    await user.type(screen.getByLabelText('Name on the sign-in button'), 'Stockton staff');
    await user.type(screen.getByLabelText('Issuer'), 'https://login.stockton.example/realms/staff');
    await user.type(screen.getByLabelText('Client ID'), 'scrutiny');
    expect(screen.getByLabelText('Client secret (optional)')).toHaveAttribute('type', 'password');
    await user.type(screen.getByLabelText('Client secret (optional)'), 's3cret');
    expect(screen.getByLabelText('Scopes')).toHaveValue('openid email profile');
    await user.type(screen.getByLabelText('Scopes'), ' groups');

    await user.click(screen.getByRole('button', { name: 'Add a rule' }));
    await user.click(screen.getByRole('button', { name: 'Add a rule' }));
    const first = screen.getByRole('group', { name: 'Rule 1' });
    await user.type(within(first).getByLabelText('Claim'), 'groups');
    await user.type(within(first).getByLabelText('Value'), 'scrutiny-officers');
    await user.selectOptions(within(first).getByLabelText('Role'), 'officer');
    // A rule left incomplete is said so; then removed.
    await user.click(screen.getByRole('button', { name: 'Add identity provider' }));
    expect(await screen.findByRole('link', { name: 'Rule 2 claim: enter the claim, for example groups' })).toHaveAttribute(
      'href',
      '#rule-1-claim',
    );
    expect(screen.getByRole('link', { name: 'Rule 2 role: choose the role it gives' })).toHaveAttribute('href', '#rule-1-role');
    await user.click(screen.getByRole('button', { name: 'Remove rule 2' }));
    expect(screen.queryByRole('group', { name: 'Rule 2' })).not.toBeInTheDocument();

    await user.click(screen.getByLabelText('Create accounts for people the council does not know yet'));
    await user.type(screen.getByLabelText('Email domains for new accounts (optional)'), 'stockton.gov.uk\n\nstockton.example');
    expect(screen.getByLabelText('Turned on: offer it on the sign-in page')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Add identity provider' }));

    expect(await screen.findByRole('heading', { level: 1, name: /Identity provider/ })).toHaveTextContent('Stockton staff');
    const posts = server.callsTo('POST', '/api/v1/identity-providers');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({
      name: 'Stockton staff',
      issuer: 'https://login.stockton.example/realms/staff',
      client_id: 'scrutiny',
      client_secret: 's3cret',
      scopes: 'openid email profile groups',
      role_mappings: [{ claim: 'groups', value: 'scrutiny-officers', role: 'officer' }],
      create_users: true,
      email_domains: ['stockton.gov.uk', 'stockton.example'],
      enabled: true,
    });
    expect(posts[0]!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("show the API's validation errors in the summary and next to each field", async () => {
    const { server, user } = setup('/admin/identity-providers/new');
    server.post('/api/v1/identity-providers', () =>
      problem(422, 'The request has invalid fields', {
        errors: [
          { field: 'issuer', message: 'must be an https address' },
          { field: 'role_mappings[0].role', message: 'must be admin, officer or viewer' },
          { field: 'email_domains[1]', message: 'must be a domain name such as stockton.gov.uk' },
        ],
      }),
    );
    await user.type(await screen.findByLabelText('Name on the sign-in button', {}, LOADED), 'Stockton staff');
    await user.type(screen.getByLabelText('Issuer'), 'http://login.stockton.example');
    await user.type(screen.getByLabelText('Client ID'), 'scrutiny');
    await user.click(screen.getByRole('button', { name: 'Add a rule' }));
    await user.type(screen.getByLabelText('Claim'), 'groups');
    await user.type(screen.getByLabelText('Value'), 'scrutiny-admins');
    await user.selectOptions(screen.getByLabelText('Role'), 'admin');
    await user.type(screen.getByLabelText('Email domains for new accounts (optional)'), 'stockton.gov.uk\nstockton gov uk');
    await user.click(screen.getByRole('button', { name: 'Add identity provider' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Issuer: must be an https address' })).toHaveAttribute('href', '#issuer');
    expect(within(summary).getByRole('link', { name: 'Rule 1 role: must be admin, officer or viewer' })).toHaveAttribute(
      'href',
      '#rule-0-role',
    );
    expect(
      within(summary).getByRole('link', { name: 'Email domain stockton gov uk: must be a domain name such as stockton.gov.uk' }),
    ).toHaveAttribute('href', '#email_domains');
    expect(screen.getByLabelText('Issuer')).toHaveAccessibleDescription(/Error: Issuer: must be an https address/);
    expect(screen.getByLabelText('Role')).toHaveAccessibleDescription('Error: Rule 1 role: must be admin, officer or viewer');
    expect(screen.getByLabelText('Email domains for new accounts (optional)')).toHaveAccessibleDescription(
      /Error: Email domain stockton gov uk: must be a domain name/,
    );
    await waitFor(() => expect(document.title).toMatch(/^Error: Add an identity provider/));
    // The domains as sent: one a line.
    expect(server.callsTo('POST', '/api/v1/identity-providers')[0]!.body).toMatchObject({
      email_domains: ['stockton.gov.uk', 'stockton gov uk'],
    });
  });

  it('ask an operator for the council', async () => {
    const { server, user } = setup('/admin/identity-providers/new', operator());
    server
      .get('/api/v1/organisations', () => ({
        items: [
          organisation({ id: COUNCIL_ID, name: 'Stockton-on-Tees Borough Council', kind: 'council' }),
          organisation({ id: POLICE_ID, name: 'Cleveland Police', kind: 'police' }),
        ],
      }))
      .post('/api/v1/identity-providers', () => json(identityProvider(), 201));
    const council = await screen.findByLabelText('Council', {}, LOADED);
    expect(within(council).queryByRole('option', { name: 'Cleveland Police' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Name on the sign-in button'), 'Stockton staff');
    await user.type(screen.getByLabelText('Issuer'), 'https://login.stockton.example');
    await user.type(screen.getByLabelText('Client ID'), 'scrutiny');
    await user.click(screen.getByRole('button', { name: 'Add identity provider' }));
    expect(await screen.findByRole('link', { name: 'Council: choose the council whose people sign in with it' })).toHaveAttribute(
      'href',
      '#council_id',
    );
    await user.selectOptions(council, 'Stockton-on-Tees Borough Council');
    await user.click(screen.getByRole('button', { name: 'Add identity provider' }));
    await waitFor(() => expect(server.callsTo('POST', '/api/v1/identity-providers')).toHaveLength(1));
    expect(server.callsTo('POST', '/api/v1/identity-providers')[0]!.body).toMatchObject({ council_id: COUNCIL_ID });
  });

  it('are changed with If-Match, sending only what changed; the secret is kept unless replaced or removed', async () => {
    const { server, set, user } = setup(`/admin/identity-providers/${IDP_ID}`);
    server.on('PATCH', `/api/v1/identity-providers/${IDP_ID}`, (call) => {
      const body = call.body as Record<string, unknown>;
      const next = identityProvider({
        ...(body as object),
        has_client_secret: body.client_secret === null ? false : true,
        version: 2,
      });
      set(next);
      return next;
    });
    await screen.findByRole('heading', { level: 1, name: /Stockton-on-Tees Borough Council staff/ }, LOADED);
    expect(screen.getByText('Kept (a confidential client)')).toBeInTheDocument();
    expect(screen.getByText('groups = scrutiny-officers: Scrutiny officer')).toBeInTheDocument();
    expect(screen.getByLabelText('New client secret (optional)')).toHaveValue('');
    expect(screen.getByRole('group', { name: 'Rule 1' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add a rule' }));
    const second = screen.getByRole('group', { name: 'Rule 2' });
    await user.type(within(second).getByLabelText('Claim'), 'groups');
    await user.type(within(second).getByLabelText('Value'), 'scrutiny-admins');
    await user.selectOptions(within(second).getByLabelText('Role'), 'admin');
    await user.click(screen.getByLabelText('Turned on: offer it on the sign-in page'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('The identity provider has been saved')).toBeInTheDocument();
    const first = server.callsTo('PATCH', `/api/v1/identity-providers/${IDP_ID}`)[0]!;
    expect(first.headers.get('If-Match')).toBe('"1"');
    expect(first.body).toEqual({
      role_mappings: [
        { claim: 'groups', value: 'scrutiny-officers', role: 'officer' },
        { claim: 'groups', value: 'scrutiny-admins', role: 'admin' },
      ],
      enabled: false,
    });

    // Both a new secret and removing it: one or the other.
    await user.type(screen.getByLabelText('New client secret (optional)'), 'new-secret');
    await user.click(screen.getByLabelText('Remove the client secret (public client using PKCE only)'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('link', { name: 'Client secret: enter a new secret, or remove the secret, not both' })).toHaveAttribute(
      'href',
      '#client_secret',
    );
    await user.clear(screen.getByLabelText('New client secret (optional)'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(server.callsTo('PATCH', `/api/v1/identity-providers/${IDP_ID}`)).toHaveLength(2));
    const second2 = server.callsTo('PATCH', `/api/v1/identity-providers/${IDP_ID}`)[1]!;
    expect(second2.headers.get('If-Match')).toBe('"2"');
    expect(second2.body).toEqual({ client_secret: null });
    expect(await screen.findByText('None (a public client, using PKCE only)')).toBeInTheDocument();
    expect(screen.queryByLabelText('Remove the client secret (public client using PKCE only)')).not.toBeInTheDocument();
  });

  it('are removed after asking, with If-Match', async () => {
    const { server, user } = setup(`/admin/identity-providers/${IDP_ID}`);
    server.on('DELETE', `/api/v1/identity-providers/${IDP_ID}`, () => new Response(null, { status: 204 }));
    await user.click(await screen.findByRole('link', { name: 'Remove this identity provider' }, LOADED));
    await user.click(await screen.findByRole('button', { name: 'Remove identity provider' }));
    await screen.findByRole('heading', { level: 1, name: 'Identity providers' });
    await waitFor(() => expect(server.callsTo('DELETE', `/api/v1/identity-providers/${IDP_ID}`)).toHaveLength(1));
    expect(server.callsTo('DELETE', `/api/v1/identity-providers/${IDP_ID}`)[0]!.headers.get('If-Match')).toBe('"1"');
  });
});
