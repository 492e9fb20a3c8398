// The address of a new feed comes with how to subscribe to it in the common calendars, and the
// list of feeds says when each revoked one was revoked.
import { screen, within } from '@testing-library/react';
import type { CalendarFeed } from '@/api/types';
import { formatInstant } from '@/lib/format';
import { committee, me } from '@/testing/fixtures';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const PATH = '/api/v1/calendar-feeds/cal_Fz0n4S3bU2h1gq7lZkqXoGzQ1bMh0Ue5v7xgHYw8c1A.ics';

function feed(overrides: Partial<CalendarFeed> = {}): CalendarFeed {
  return {
    id: '00000000-0000-4000-8000-000000000e01',
    kind: 'user',
    name: 'My scrutiny dates',
    created_at: '2022-03-15T10:00:00Z',
    ...overrides,
  };
}

function setup(feeds: CalendarFeed[]) {
  signedIn();
  mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/calendar-feeds', () => ({ items: feeds }))
    .post('/api/v1/calendar-feeds', () => json({ feed: feed(), path: PATH }, 201));
  return renderApp('/account/calendar-feeds');
}

describe('a calendar feed', () => {
  it('is shown with how to subscribe to it in Outlook, Google Calendar and Apple Calendar', async () => {
    const { user } = setup([]);
    await user.click(await screen.findByRole('button', { name: 'Make a calendar feed' }, LOADED));
    expect(await screen.findByText(`${window.location.origin}${PATH}`)).toBeInTheDocument();
    const banner = screen.getByRole('region', { name: 'Your calendar feed' });
    await user.click(within(banner).getByText('How to add it to Outlook, Google Calendar or Apple Calendar'));
    for (const name of ['Outlook', 'Google Calendar', 'Apple Calendar']) {
      expect(within(banner).getByRole('heading', { level: 3, name })).toBeVisible();
    }
    expect(within(banner).getByText(/New Calendar Subscription/)).toBeVisible();
  });

  it('says when it was revoked', async () => {
    setup([feed({ revoked_at: '2022-03-16T10:00:00Z' })]);
    const table = await screen.findByRole('table', { name: 'Your calendar feeds' }, LOADED);
    expect(within(table).getByText('Revoked')).toBeInTheDocument();
    expect(within(table).getByText(formatInstant('2022-03-16T10:00:00Z'))).toBeInTheDocument();
  });
});
