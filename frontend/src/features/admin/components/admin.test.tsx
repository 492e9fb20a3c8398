import { screen, waitFor, within } from '@testing-library/react';
import type {
  CouncilSettings,
  CreateServiceAccount,
  CreateUser,
  Organisation,
  PutCouncilSettings,
  ServiceAccount,
  UpdateUser,
  User,
} from '@/api/types';
import { COUNCIL_ID, me, POLICE_ID } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const T = '2022-03-15T10:00:00Z';
// The first render loads the route's chunk.
const LOADED = { timeout: 5000 };
const USER_ID = '00000000-0000-4000-8000-000000000950';
const ACCOUNT_ID = '00000000-0000-4000-8000-000000000960';
const CALENDAR_ID = '00000000-0000-7000-8000-000000000001';

const admin = () => me({ role: 'admin', name: 'Ada Admin', email: 'admin@stockton.example' });

function organisation(id: string, name: string, kind: Organisation['kind']): Organisation {
  return { id, name, kind, responsible_authority: kind !== 'other', created_at: T, updated_at: T, version: 1 };
}
const ORGANISATIONS = [
  organisation(POLICE_ID, 'Cleveland Police', 'police'),
  organisation(COUNCIL_ID, 'Stockton-on-Tees Borough Council', 'council'),
];

function user(overrides: Partial<User> = {}): User {
  return {
    id: USER_ID,
    email: 'pat@cleveland-police.example',
    name: 'Pat Partner',
    role: 'contributor',
    organisation_id: POLICE_ID,
    active: true,
    created_at: T,
    updated_at: T,
    version: 2,
    ...overrides,
  };
}

function account(overrides: Partial<ServiceAccount> = {}): ServiceAccount {
  return {
    id: ACCOUNT_ID,
    name: 'Cleveland Police case system',
    client_id: 'sa_5f0c2a9e41d3b7c86a1e2f40',
    role: 'contributor',
    organisation_id: POLICE_ID,
    active: true,
    secret_rotated_at: T,
    created_at: T,
    updated_at: T,
    version: 1,
    ...overrides,
  };
}

const DEFAULT_SCALE = {
  name: 'Scrutiny progress (1–4)',
  levels: [
    { code: '1', label: 'Fully Achieved', description: null, order: 1, closes: true, explanation_required: false, colour: '#00703c' },
    { code: '2', label: 'On-Track', description: null, order: 2, closes: false, explanation_required: false, colour: '#1d70b8' },
    { code: '3', label: 'Slipped', description: null, order: 3, closes: false, explanation_required: true, colour: '#f47738' },
    { code: '4', label: 'Not Achieved', description: null, order: 4, closes: false, explanation_required: true, colour: '#d4351c' },
  ],
};

function settings(overrides: Partial<CouncilSettings> = {}): CouncilSettings {
  return {
    council_id: COUNCIL_ID,
    calendar_id: CALENDAR_ID,
    call_in_working_days: 5,
    call_in_end_time: '23:59',
    time_zone: 'Europe/London',
    first_update_months: 12,
    grade_scale: DEFAULT_SCALE as unknown as CouncilSettings['grade_scale'],
    reminder_days_before: 14,
    chaser_interval_days: 7,
    executive_response_period: { amount: 2, unit: 'months' },
    partner_response_period: { amount: 28, unit: 'days' },
    is_default: false,
    updated_at: T,
    version: 3,
    ...overrides,
  };
}

function adminApi() {
  signedIn();
  return mockApi()
    .get('/api/v1/me', () => admin())
    .get('/api/v1/organisations', () => ({ items: ORGANISATIONS }));
}

describe('the Admin navigation item', () => {
  it('is shown to admins', async () => {
    adminApi().get('/api/v1/users', () => ({ items: [] }));
    renderApp('/admin');
    expect(await screen.findByRole('link', { name: 'Admin' }, LOADED)).toHaveAttribute('href', '/admin');
    expect(await screen.findByRole('link', { name: 'Service accounts' })).toBeInTheDocument();
  });

  it('is "Settings" for officers, whose admin page offers only what they may use', async () => {
    signedIn();
    mockApi().get('/api/v1/me', () => me());
    renderApp('/admin');
    expect(await screen.findByRole('link', { name: 'Contacts' }, LOADED)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Council settings' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/admin');
    expect(screen.queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Audit trail' })).not.toBeInTheDocument();
  });
});

describe('adding a user', () => {
  it('requires the partner organisation of a contributor, then sends the user', async () => {
    const server = adminApi().post('/api/v1/users', (call) => json(user({ ...(call.body as CreateUser) }), 201));
    server.get(`/api/v1/users/${USER_ID}`, () => user());
    const { user: u } = renderApp('/admin/users/new');

    await u.type(await screen.findByLabelText('Full name'), 'Pat Partner');
    await u.type(screen.getByLabelText('Email address'), 'pat@cleveland-police.example');
    await u.click(screen.getByLabelText('Partner contributor'));
    await u.type(screen.getByLabelText('Password'), 'correct horse battery');
    await u.click(screen.getByRole('button', { name: 'Add user' }));

    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', {
      name: 'Organisation: choose the partner organisation they report for',
    });
    expect(link).toHaveAttribute('href', '#organisation_id');
    expect(server.callsTo('POST', '/api/v1/users')).toHaveLength(0);

    await u.selectOptions(screen.getByLabelText('Organisation'), 'Cleveland Police');
    await u.click(screen.getByRole('button', { name: 'Add user' }));
    await waitFor(() => expect(server.callsTo('POST', '/api/v1/users')).toHaveLength(1));
    expect(server.callsTo('POST', '/api/v1/users')[0]!.body).toEqual({
      name: 'Pat Partner',
      email: 'pat@cleveland-police.example',
      role: 'contributor',
      organisation_id: POLICE_ID,
      password: 'correct horse battery',
    });
    expect(await screen.findByRole('heading', { name: /Pat Partner/ })).toBeInTheDocument();
  }, 15_000);

  it('offers only councils to an officer, and links the API’s 422 errors to the fields', async () => {
    const server = adminApi().post('/api/v1/users', () =>
      problem(422, 'Unprocessable Entity', {
        errors: [
          { field: 'email', message: 'is already used by another user' },
          { field: 'password', message: 'is too common' },
        ],
      }),
    );
    const { user: u } = renderApp('/admin/users/new');
    await u.type(await screen.findByLabelText('Full name'), 'Olive Officer');
    await u.type(screen.getByLabelText('Email address'), 'olive@stockton.example');
    await u.click(screen.getByLabelText('Scrutiny officer'));
    const organisation = screen.getByLabelText('Organisation');
    expect(within(organisation).queryByRole('option', { name: 'Cleveland Police' })).not.toBeInTheDocument();
    expect(organisation).toHaveValue(COUNCIL_ID);
    await u.type(screen.getByLabelText('Password'), 'password1234');
    await u.click(screen.getByRole('button', { name: 'Add user' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Email address: is already used by another user' })).toHaveAttribute(
      'href',
      '#email',
    );
    expect(within(summary).getByRole('link', { name: 'Password: is too common' })).toHaveAttribute('href', '#password');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(/is already used by another user/);
    expect(server.callsTo('POST', '/api/v1/users')[0]!.body).toMatchObject({ role: 'officer', organisation_id: COUNCIL_ID });
    // What they typed is still there.
    expect(screen.getByLabelText('Full name')).toHaveValue('Olive Officer');
  });
});

describe("changing a user's details", () => {
  it('on a 412, keeps what was typed and saves it over the latest version when asked', async () => {
    let current = user();
    const server = adminApi()
      .get(`/api/v1/users/${USER_ID}`, () => json(current, 200, { ETag: `"${current.version}"` }))
      .on('PATCH', `/api/v1/users/${USER_ID}`, (call) => {
        if (call.headers.get('If-Match') !== `"${current.version}"`) return problem(412, 'Precondition Failed');
        current = { ...current, ...(call.body as UpdateUser), version: current.version + 1 } as User;
        return json(current);
      });
    const { user: u } = renderApp(`/admin/users/${USER_ID}`);
    const name = await screen.findByLabelText('Full name', {}, LOADED);
    // Someone else renames them meanwhile.
    current = { ...current, email: 'p.partner@cleveland-police.example', version: 3 };
    await u.clear(name);
    await u.type(name, 'Patricia Partner');
    await u.click(screen.getByRole('button', { name: 'Save changes' }));

    const banner = await screen.findByRole('alert', { name: 'Not saved' });
    expect(banner).toHaveTextContent('Someone else changed this user after you opened it');
    expect(screen.getByLabelText('Full name')).toHaveValue('Patricia Partner');
    expect(server.callsTo('PATCH', `/api/v1/users/${USER_ID}`)[0]!.headers.get('If-Match')).toBe('"2"');

    const keep = within(banner).getByRole('button', { name: 'Save my changes over theirs' });
    await waitFor(() => expect(keep).toBeEnabled());
    await u.click(keep);
    await waitFor(() => expect(server.callsTo('PATCH', `/api/v1/users/${USER_ID}`)).toHaveLength(2));
    const second = server.callsTo('PATCH', `/api/v1/users/${USER_ID}`)[1]!;
    expect(second.headers.get('If-Match')).toBe('"3"');
    expect(second.body).toEqual({ name: 'Patricia Partner' });
    expect(await screen.findByText("The user's details have been saved")).toBeInTheDocument();
  });

  it('deactivates a user with If-Match', async () => {
    const server = adminApi()
      .get(`/api/v1/users/${USER_ID}`, () => user())
      .on('PATCH', `/api/v1/users/${USER_ID}`, () => json(user({ active: false, version: 3 })));
    const { user: u } = renderApp(`/admin/users/${USER_ID}`);
    await u.click(await screen.findByRole('button', { name: 'Deactivate this user' }, LOADED));
    await waitFor(() => expect(server.callsTo('PATCH', `/api/v1/users/${USER_ID}`)).toHaveLength(1));
    const call = server.callsTo('PATCH', `/api/v1/users/${USER_ID}`)[0]!;
    expect(call.body).toEqual({ active: false });
    expect(call.headers.get('If-Match')).toBe('"2"');
  });
});

describe('service accounts', () => {
  it('shows the new client secret once, with a warning, and never again', async () => {
    const server = adminApi()
      .post('/api/v1/service-accounts', (call) =>
        json({ account: account({ ...(call.body as CreateServiceAccount) }), client_secret: 'cs_only_shown_once_123' }, 201),
      )
      .get(`/api/v1/service-accounts/${ACCOUNT_ID}`, () => account());
    const { user: u } = renderApp('/admin/service-accounts/new');
    await u.type(await screen.findByLabelText('Name'), 'Cleveland Police case system');
    await u.click(screen.getByLabelText('Partner contributor'));
    await u.selectOptions(screen.getByLabelText('Organisation'), 'Cleveland Police');
    await u.click(screen.getByRole('button', { name: 'Add service account' }));

    const panel = await screen.findByRole('region', { name: 'Client secret' });
    expect(within(panel).getByText('cs_only_shown_once_123')).toBeInTheDocument();
    expect(within(panel).getByText(/It will not be shown again/)).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Copy the client secret' })).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/v1/service-accounts')[0]!.body).toEqual({
      name: 'Cleveland Police case system',
      role: 'contributor',
      organisation_id: POLICE_ID,
    });

    await u.click(screen.getByRole('link', { name: 'Go to the service account' }));
    expect(await screen.findByRole('heading', { name: /Cleveland Police case system/ })).toBeInTheDocument();
    expect(screen.queryByText('cs_only_shown_once_123')).not.toBeInTheDocument();
  });

  it('replaces the secret with If-Match and shows the new one', async () => {
    const server = adminApi()
      .get(`/api/v1/service-accounts/${ACCOUNT_ID}`, () => account())
      .post(`/api/v1/service-accounts/${ACCOUNT_ID}/secret`, () =>
        json({ account: account({ version: 2 }), client_secret: 'cs_new_secret_456' }, 201),
      );
    const { user: u } = renderApp(`/admin/service-accounts/${ACCOUNT_ID}`);
    await u.click(await screen.findByRole('button', { name: 'Make a new client secret' }, LOADED));
    const panel = await screen.findByRole('region', { name: 'Client secret' });
    expect(within(panel).getByText('cs_new_secret_456')).toBeInTheDocument();
    expect(server.callsTo('POST', `/api/v1/service-accounts/${ACCOUNT_ID}/secret`)[0]!.headers.get('If-Match')).toBe('"1"');
  });
});

describe("the council's settings", () => {
  function settingsApi(put: (body: PutCouncilSettings, ifMatch: string | null) => Response) {
    return adminApi()
      .get(`/api/v1/councils/${COUNCIL_ID}/settings/history`, () => ({ items: [] }))
      .get(`/api/v1/councils/${COUNCIL_ID}/settings`, () => settings())
      .get(`/api/v1/organisations/${COUNCIL_ID}`, () => ORGANISATIONS[1])
      .get('/api/v1/calendars', () => ({
        items: [{ id: CALENDAR_ID, name: 'England and Wales', created_at: T, updated_at: T, version: 1 }],
      }))
      .on('PUT', `/api/v1/councils/${COUNCIL_ID}/settings`, (call) =>
        put(call.body as PutCouncilSettings, call.headers.get('If-Match')),
      );
  }

  it('sends the edited grade scale, best first, with If-Match', async () => {
    const server = settingsApi((body) => json(settings({ ...(body as object), version: 4 } as Partial<CouncilSettings>)));
    const { user: u } = renderApp(`/admin/councils/${COUNCIL_ID}/settings`);
    const label = await screen.findByLabelText('Label', { selector: '#level-1-label' }, LOADED);
    await u.clear(label);
    await u.type(label, 'On Track');
    await u.click(screen.getByRole('button', { name: 'Remove grade 4' }));
    await u.click(screen.getByRole('button', { name: 'Move up grade 3' }));
    await u.clear(screen.getByLabelText(/Chasers/));
    await u.type(screen.getByLabelText(/Chasers/), '10');
    await u.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(server.callsTo('PUT', `/api/v1/councils/${COUNCIL_ID}/settings`)).toHaveLength(1));
    const call = server.callsTo('PUT', `/api/v1/councils/${COUNCIL_ID}/settings`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"3"');
    expect(call.body).toEqual({
      calendar_id: CALENDAR_ID,
      call_in_working_days: 5,
      call_in_end_time: '23:59',
      time_zone: 'Europe/London',
      first_update_months: 12,
      reminder_days_before: 14,
      chaser_interval_days: 10,
      executive_response_period: { amount: 2, unit: 'months' },
      partner_response_period: { amount: 28, unit: 'days' },
      grade_scale: {
        name: 'Scrutiny progress (1–4)',
        levels: [
          { code: '1', label: 'Fully Achieved', description: null, order: 1, closes: true, explanation_required: false, colour: '#00703c' },
          { code: '3', label: 'Slipped', description: null, order: 2, closes: false, explanation_required: true, colour: '#f47738' },
          { code: '2', label: 'On Track', description: null, order: 3, closes: false, explanation_required: false, colour: '#1d70b8' },
        ],
      },
    });
    expect(await screen.findByText("The council's settings have been saved")).toBeInTheDocument();
  }, 15_000);

  it('sends the response periods, checked against their unit', async () => {
    const server = settingsApi((body) => json(settings({ ...(body as object), version: 4 } as Partial<CouncilSettings>)));
    const { user: u } = renderApp(`/admin/councils/${COUNCIL_ID}/settings`);
    const executive = await screen.findByRole('group', { name: "Executive's response period" }, LOADED);
    expect(within(executive).getByLabelText('Amount')).toHaveValue('2');
    expect(within(executive).getByLabelText('Unit')).toHaveValue('months');
    const partner = screen.getByRole('group', { name: "Partner's response period" });
    expect(within(partner).getByLabelText('Amount')).toHaveValue('28');
    await u.clear(within(executive).getByLabelText('Amount'));
    await u.type(within(executive).getByLabelText('Amount'), '30');
    await u.click(screen.getByRole('button', { name: 'Save settings' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: "Executive's response period: must be from 1 to 24" })).toHaveAttribute(
      'href',
      '#executive_period_amount',
    );
    expect(server.callsTo('PUT', `/api/v1/councils/${COUNCIL_ID}/settings`)).toHaveLength(0);

    await u.selectOptions(within(executive).getByLabelText('Unit'), 'days');
    await u.clear(within(partner).getByLabelText('Amount'));
    await u.type(within(partner).getByLabelText('Amount'), '20');
    await u.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(server.callsTo('PUT', `/api/v1/councils/${COUNCIL_ID}/settings`)).toHaveLength(1));
    const body = server.callsTo('PUT', `/api/v1/councils/${COUNCIL_ID}/settings`)[0]!.body as PutCouncilSettings;
    expect(body.executive_response_period).toEqual({ amount: 30, unit: 'days' });
    expect(body.partner_response_period).toEqual({ amount: 20, unit: 'days' });
  }, 15_000);

  it('says clearly when a grade still in use was dropped (422)', async () => {
    settingsApi(() =>
      problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'grade_scale', message: "has no level for the grade(s) 4 that the council's progress entries carry" }],
      }),
    );
    const { user: u } = renderApp(`/admin/councils/${COUNCIL_ID}/settings`);
    await u.click(await screen.findByRole('button', { name: 'Remove grade 4' }, LOADED));
    await u.click(screen.getByRole('button', { name: 'Save settings' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', {
      name: "Grading scale: has no level for the grade(s) 4 that the council's progress entries carry",
    });
    expect(link).toHaveAttribute('href', '#grade-levels');
    // The scale as edited stays on the page.
    expect(screen.queryByDisplayValue('Not Achieved')).not.toBeInTheDocument();
    expect(screen.getByDisplayValue('Slipped')).toBeInTheDocument();
  });

  it('checks the scale before sending: a closing grade is needed', async () => {
    const server = settingsApi(() => json(settings()));
    const { user: u } = renderApp(`/admin/councils/${COUNCIL_ID}/settings`);
    await u.click(await screen.findByLabelText('Accepted at grade 1, the recommendation is closed', {}, LOADED));
    await u.click(screen.getByRole('button', { name: 'Save settings' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Grades: at least one grade must close the recommendation' })).toHaveAttribute(
      'href',
      '#level-0-closes',
    );
    expect(server.callsTo('PUT', `/api/v1/councils/${COUNCIL_ID}/settings`)).toHaveLength(0);
  });
});
