import { screen, waitFor, within } from '@testing-library/react';
import { auditEvent, CALENDAR_ID, calendar, me } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const NATIONAL_ID = '00000000-0000-4000-8000-000000000b02';
const admin = () => me({ role: 'admin', name: 'Demo Admin', email: 'admin@stockton.example' });

function setup(path: string, who = admin()) {
  signedIn();
  const holidays = [{ calendar_id: CALENDAR_ID, date: '2022-09-19', title: 'State Funeral of Queen Elizabeth II', created_at: '' }];
  const server = mockApi()
    .get('/api/v1/me', () => who)
    .get('/api/v1/calendars', () => ({
      items: [calendar({ id: NATIONAL_ID, name: 'England and Wales', council_id: null }), calendar()],
    }))
    .get(`/api/v1/calendars/${CALENDAR_ID}/holidays`, () => ({ items: holidays }))
    .get(`/api/v1/calendars/${CALENDAR_ID}/history`, () => ({
      items: [
        auditEvent({ action: 'holiday.added', entity_id: CALENDAR_ID, after: holidays[0] }),
        auditEvent({ action: 'calendar.created', entity_id: CALENDAR_ID, after: { name: 'Stockton-on-Tees council closure days' } }),
      ],
    }))
    .get(`/api/v1/calendars/${CALENDAR_ID}`, () => calendar())
    .get(`/api/v1/calendars/${NATIONAL_ID}/holidays`, () => ({ items: [] }))
    .get(`/api/v1/calendars/${NATIONAL_ID}/history`, () => ({ items: [] }))
    .get(`/api/v1/calendars/${NATIONAL_ID}`, () => calendar({ id: NATIONAL_ID, name: 'England and Wales', council_id: null }));
  return { server, ...renderApp(path) };
}

describe('calendars and holidays under the settings', () => {
  it('are listed from the administration home', async () => {
    const { user } = setup('/admin');
    await user.click(await screen.findByRole('link', { name: 'Calendars and holidays' }, LOADED));
    const table = await screen.findByRole('table', { name: 'Calendars' });
    expect(within(table).getByRole('row', { name: /England and Wales/ })).toHaveTextContent('National');
    expect(within(table).getByRole('row', { name: /closure days/ })).toHaveTextContent("Your council's");
    expect(screen.getByRole('button', { name: 'Add a calendar' })).toHaveAttribute('href', '/admin/calendars/new');
  });

  it("adds a holiday to the council's calendar, and says to recompute the deadlines", async () => {
    const { server, user } = setup(`/admin/calendars/${CALENDAR_ID}`);
    server.post(`/api/v1/calendars/${CALENDAR_ID}/holidays`, (call) =>
      json({ calendar_id: CALENDAR_ID, created_at: '', ...(call.body as object) }, 201),
    );
    const history = await screen.findByRole('list', { name: 'Changes to the calendar, newest first' }, LOADED);
    expect(within(history).getAllByRole('listitem')[0]).toHaveTextContent('Holiday added: 19 September 2022, State Funeral of Queen Elizabeth II');
    expect(within(history).getAllByRole('listitem')[1]).toHaveTextContent('Calendar created');
    const date = screen.getByRole('group', { name: 'Date' });
    await user.type(within(date).getByLabelText('Day'), '8');
    await user.type(within(date).getByLabelText('Month'), '5');
    await user.type(within(date).getByLabelText('Year'), '2023');
    await user.type(screen.getByLabelText('Name of the holiday'), 'Coronation of King Charles III');
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(await screen.findByText('8 May 2023, Coronation of King Charles III, has been added.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'open for call-in' })).toHaveAttribute('href', '/decisions?call_in=open');
    const call = server.callsTo('POST', `/api/v1/calendars/${CALENDAR_ID}/holidays`)[0]!;
    expect(call.body).toEqual({ date: '2023-05-08', title: 'Coronation of King Charles III' });
  });

  it('removes a holiday after asking', async () => {
    const { server, user } = setup(`/admin/calendars/${CALENDAR_ID}`);
    server.on('DELETE', `/api/v1/calendars/${CALENDAR_ID}/holidays/:date`, () => new Response(null, { status: 204 }));
    await user.click(await screen.findByRole('link', { name: 'Remove 19 September 2022' }, LOADED));
    await screen.findByRole('heading', { level: 1, name: /Remove 19 September 2022, State Funeral of Queen Elizabeth II\?/ });
    await user.click(screen.getByRole('button', { name: 'Remove holiday' }));
    expect(await screen.findByText('19 September 2022, State Funeral of Queen Elizabeth II, has been removed.')).toBeInTheDocument();
    expect(server.callsTo('DELETE', `/api/v1/calendars/${CALENDAR_ID}/holidays/2022-09-19`)).toHaveLength(1);
  });

  it('adds a calendar of closure days', async () => {
    const { server, user } = setup('/admin/calendars/new');
    server.post('/api/v1/calendars', () => json(calendar(), 201));
    await user.type(await screen.findByLabelText('Name', {}, LOADED), 'Stockton-on-Tees council closure days');
    await user.click(screen.getByRole('button', { name: 'Add calendar' }));
    expect(await screen.findByText('Stockton-on-Tees council closure days has been added. Add its holidays below.')).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/v1/calendars')[0]!.body).toEqual({ name: 'Stockton-on-Tees council closure days' });
  });

  it("shows the national calendar to a council's admin without changing it", async () => {
    const { server } = setup(`/admin/calendars/${NATIONAL_ID}`);
    expect(await screen.findByText(/The national calendar is kept by the service's operators/, {}, LOADED)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add holiday' })).not.toBeInTheDocument();
    await waitFor(() => expect(server.callsTo('GET', `/api/v1/calendars/${NATIONAL_ID}/history`)).toHaveLength(1));
  });

  it("lets an officer read the council's calendar but not change it", async () => {
    setup(`/admin/calendars/${CALENDAR_ID}`, me());
    await screen.findByRole('table', { name: /Holidays/ }, LOADED);
    expect(screen.queryByRole('link', { name: /^Remove/ })).not.toBeInTheDocument();
    expect(screen.getByText("Only your council's administrators can change its calendar.")).toBeInTheDocument();
  });

  it('says so when the day is taken (409)', async () => {
    const { server, user } = setup(`/admin/calendars/${CALENDAR_ID}`);
    server.post(`/api/v1/calendars/${CALENDAR_ID}/holidays`, () =>
      problem(409, 'Conflict', { detail: 'The calendar already has a holiday on 2022-09-19.' }),
    );
    const date = await screen.findByRole('group', { name: 'Date' }, LOADED);
    await user.type(within(date).getByLabelText('Day'), '19');
    await user.type(within(date).getByLabelText('Month'), '9');
    await user.type(within(date).getByLabelText('Year'), '2022');
    await user.type(screen.getByLabelText('Name of the holiday'), 'Again');
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(await screen.findByText('The calendar already has a holiday on 2022-09-19.')).toBeInTheDocument();
  });
});
