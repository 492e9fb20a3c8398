// The lists across reviews (decisions, actions, rounds, updates) and the exports with a list's filters.
import { screen, waitFor, within } from '@testing-library/react';
import {
  actionPlan,
  COMMITTEE_ID,
  committee,
  contributor,
  decision,
  me,
  POLICE_ID,
  progressEntry,
  progressRound,
  recommendations,
  REVIEW_ID,
  review,
  reviewDetail,
  ROUND_ID,
} from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };

function base(who = me()) {
  signedIn('access-1');
  return mockApi()
    .get('/api/v1/me', () => who)
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/reviews', () => ({ items: [review()] }))
    .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail())
    .get('/api/v1/organisations', () => ({
      items: [
        { id: POLICE_ID, name: 'Cleveland Police', kind: 'police', responsible_authority: true, created_at: '', updated_at: '', version: 1 },
      ],
    }));
}

/** The object URL and the click on the temporary link of a download, observed. */
function observeDownloads() {
  const saved: string[] = [];
  URL.createObjectURL = vi.fn(() => 'blob:test/1');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(this: HTMLAnchorElement) {
    saved.push(this.download);
  });
  return saved;
}

const csv = (name: string) =>
  new Response('No.,Recommendation', {
    status: 200,
    headers: { 'content-type': 'text/csv', 'content-disposition': `attachment; filename="${name}"` },
  });

describe('the list of decisions', () => {
  it('is in the navigation and asks the API with the filters in the address', async () => {
    const server = base().get('/api/v1/decisions', () => ({ items: [decision()] }));
    renderApp(`/decisions?review=${REVIEW_ID}&call_in=open&from=2022-01-01`);
    const table = await screen.findByRole('table', { name: 'Decisions' }, LOADED);
    const row = within(table).getByRole('row', { name: /Cabinet decision, 20 January 2022/ });
    expect(within(row).getByRole('link', { name: 'Cabinet decision, 20 January 2022' })).toHaveAttribute(
      'href',
      '/decisions/00000000-0000-4000-8000-000000000400',
    );
    expect(row).toHaveTextContent('28 January 2022, 23:59');
    expect(row).toHaveTextContent('Open for call-in');
    const query = Object.fromEntries(server.callsTo('GET', '/api/v1/decisions')[0]!.url.searchParams);
    expect(query).toEqual({ limit: '25', review_id: REVIEW_ID, call_in_state: 'open', meeting_from: '2022-01-01' });
    const nav = screen.getByRole('navigation', { name: 'Menu' });
    expect(within(nav).getByRole('link', { name: 'Decisions' })).toHaveAttribute('aria-current', 'page');
  });
});

describe('the list of progress rounds', () => {
  it('lists rounds by deadline, filtered by committee and status', async () => {
    const server = base().get('/api/v1/progress-rounds', () => ({ items: [progressRound()] }));
    renderApp(`/progress-rounds?committee=${COMMITTEE_ID}&status=open`);
    const table = await screen.findByRole('table', { name: 'Progress rounds' }, LOADED);
    expect(within(table).getByRole('link', { name: 'May 2023' })).toHaveAttribute('href', `/progress-rounds/${ROUND_ID}`);
    expect(table).toHaveTextContent('1 awaited from partners');
    const query = Object.fromEntries(server.callsTo('GET', '/api/v1/progress-rounds')[0]!.url.searchParams);
    expect(query).toEqual({ limit: '25', committee_id: COMMITTEE_ID, status: 'open' });
  });
});

describe('the list of actions', () => {
  it('lists every action with its status, and downloads them with the filters', async () => {
    const saved = observeDownloads();
    const server = base()
      .get('/api/v1/actions/export.:format', () => csv('actions.csv'))
      .get('/api/v1/actions', () => ({ items: actionPlan().actions.slice(0, 2) }));
    const { user } = renderApp(`/actions?organisation=${POLICE_ID}&status=open&overdue=true`);
    const table = await screen.findByRole('table', { name: 'Actions' }, LOADED);
    expect(within(table).getAllByText('Open').length).toBeGreaterThan(0);
    const query = Object.fromEntries(server.callsTo('GET', '/api/v1/actions')[0]!.url.searchParams);
    expect(query).toEqual({ limit: '25', responsible_organisation_id: POLICE_ID, status: 'open', overdue: 'true' });

    await user.click(screen.getByRole('button', { name: 'Download the actions as a spreadsheet (CSV)' }));
    await waitFor(() => expect(saved).toEqual(['actions.csv']));
    const exported = Object.fromEntries(server.callsTo('GET', '/api/v1/actions/export.csv')[0]!.url.searchParams);
    // The filters, not the page.
    expect(exported).toEqual({ responsible_organisation_id: POLICE_ID, status: 'open', overdue: 'true' });
  });
});

describe('the list of progress updates', () => {
  it("shows a partner its organisation's updates, and exports them with the filters", async () => {
    const saved = observeDownloads();
    const server = base(contributor())
      .get('/api/v1/progress-entries/export.:format', () => csv('updates.xlsx'))
      .get('/api/v1/progress-entries', () => ({ items: [progressEntry()] }));
    const { user } = renderApp('/progress-entries?state=draft&open=yes&differ=no');
    const table = await screen.findByRole('table', { name: 'Progress updates' }, LOADED);
    expect(within(table).getByRole('link', { name: 'Recommendation 2, May 2023' })).toBeInTheDocument();
    // A partner sees its own organisation's only: no filter by organisation.
    expect(screen.queryByLabelText('Reported by')).not.toBeInTheDocument();
    const query = Object.fromEntries(server.callsTo('GET', '/api/v1/progress-entries')[0]!.url.searchParams);
    expect(query).toEqual({ limit: '25', state: 'draft', grades_differ: 'false', open_rounds: 'true' });

    await user.click(screen.getByRole('button', { name: 'Download the updates as a spreadsheet (Excel)' }));
    await waitFor(() => expect(saved).toEqual(['updates.xlsx']));
    const exported = Object.fromEntries(server.callsTo('GET', '/api/v1/progress-entries/export.xlsx')[0]!.url.searchParams);
    expect(exported).toEqual({ state: 'draft', grades_differ: 'false', open_rounds: 'true' });
  });
});

describe('the list of recommendations', () => {
  it('downloads the recommendations the filters find, as CSV and as Excel', async () => {
    const saved = observeDownloads();
    const server = base()
      .get('/api/v1/recommendations/export.:format', (_call, { format }) => csv(`recommendations.${format}`))
      .get('/api/v1/recommendations', () => ({ items: recommendations(), next_cursor: 'next' }));
    const { user } = renderApp(`/recommendations?q=protocol&review=${REVIEW_ID}&status=open&overdue=true`);
    await screen.findByRole('table', {}, LOADED);
    await user.click(screen.getByRole('button', { name: 'Download the recommendations as a spreadsheet (CSV)' }));
    await waitFor(() => expect(saved).toEqual(['recommendations.csv']));
    await user.click(screen.getByRole('button', { name: 'Download the recommendations as a spreadsheet (Excel)' }));
    await waitFor(() => expect(saved).toEqual(['recommendations.csv', 'recommendations.xlsx']));
    const filters = { q: 'protocol', review_id: REVIEW_ID, status: 'open', overdue: 'true' };
    expect(Object.fromEntries(server.callsTo('GET', '/api/v1/recommendations/export.csv')[0]!.url.searchParams)).toEqual(filters);
    expect(Object.fromEntries(server.callsTo('GET', '/api/v1/recommendations/export.xlsx')[0]!.url.searchParams)).toEqual(filters);
    expect(screen.getByRole('heading', { name: 'Download the recommendations matching the filters' })).toBeInTheDocument();
  });
});
