import { screen, waitFor, within } from '@testing-library/react';
import type { CalendarFeed, CreateCalendarFeed } from '@/api/types';
import { committee, me } from '@/testing/fixtures';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';
import { feedAddress, feedToken } from '../lib/address';

const LOADED = { timeout: 5000 };
const FEED_ID = '00000000-0000-4000-8000-000000000e01';
const PATH = '/api/v1/calendar-feeds/cal_Fz0n4S3bU2h1gq7lZkqXoGzQ1bMh0Ue5v7xgHYw8c1A.ics';

function feed(overrides: Partial<CalendarFeed> = {}): CalendarFeed {
  return { id: FEED_ID, kind: 'user', name: 'My scrutiny dates', created_at: '2022-03-15T10:00:00Z', ...overrides };
}

function setup() {
  signedIn();
  let feeds: CalendarFeed[] = [];
  const server = mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/calendar-feeds', () => ({ items: feeds }))
    .post('/api/v1/calendar-feeds', (call) => {
      const created = feed({ kind: (call.body as CreateCalendarFeed).kind });
      feeds = [created];
      return json({ feed: created, path: PATH }, 201);
    })
    .post(`/api/v1/calendar-feeds/${FEED_ID}/revocation`, () => {
      feeds = [feed({ revoked_at: '2022-03-16T10:00:00Z' })];
      return feeds[0];
    })
    .get('/api/v1/calendar-feeds/:file', () =>
      new Response('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', {
        status: 200,
        headers: { 'content-type': 'text/calendar', 'content-disposition': 'attachment; filename="scrutiny.ics"' },
      }),
    );
  return { server, ...renderApp('/account') };
}

describe('calendar feeds', () => {
  it('are made from your account, their address shown once, their dates downloadable, and revoked', async () => {
    const { server, user } = setup();
    const saved: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:test/1');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    await user.click(await screen.findByRole('link', { name: 'Your scrutiny dates in your calendar' }, LOADED));
    expect(await screen.findByText('You have no calendar feeds yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: "One committee's reviews" }));
    await user.click(screen.getByRole('button', { name: 'Make a calendar feed' }));
    expect(await screen.findByRole('link', { name: 'Committee: choose the committee' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Committee'), committee().id);
    await user.click(screen.getByRole('button', { name: 'Make a calendar feed' }));

    expect(await screen.findByText(`${window.location.origin}${PATH}`)).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/v1/calendar-feeds')[0]!.body).toEqual({
      kind: 'committee',
      organisation_id: null,
      committee_id: committee().id,
      name: null,
    });
    await user.click(screen.getByRole('button', { name: 'download the dates now as a file' }));
    await waitFor(() => expect(saved).toEqual(['scrutiny.ics']));

    const table = await screen.findByRole('table', { name: 'Your calendar feeds' });
    await user.click(within(table).getByRole('button', { name: 'Revoke My scrutiny dates' }));
    expect(await within(table).findByText('Revoked')).toBeInTheDocument();
    expect(server.callsTo('POST', `/api/v1/calendar-feeds/${FEED_ID}/revocation`)).toHaveLength(1);
  });

  it("read the token from the feed's path", () => {
    expect(feedToken(PATH)).toBe('cal_Fz0n4S3bU2h1gq7lZkqXoGzQ1bMh0Ue5v7xgHYw8c1A');
    expect(feedToken('/somewhere/else')).toBeNull();
    expect(feedAddress(PATH, 'https://scrutiny.example')).toBe(`https://scrutiny.example${PATH}`);
  });
});
