import { screen, waitFor, within } from '@testing-library/react';
import { me } from '@/testing/fixtures';
import { mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const STOCKTON = '00000000-0000-4000-8000-00000000c001';
const HARTLEPOOL = '00000000-0000-4000-8000-00000000c002';
const REVIEW = '00000000-0000-4000-8000-00000000a001';
const TITLE = 'Police Communications in Stockton-on-Tees';

const councils = {
  items: [
    { id: HARTLEPOOL, name: 'Hartlepool Borough Council', published_reviews: 0 },
    { id: STOCKTON, name: 'Stockton-on-Tees Borough Council', published_reviews: 1 },
  ],
  next_cursor: null,
};

const summary = {
  id: REVIEW,
  title: TITLE,
  review_type: 'task_and_finish',
  work_programme_year: '2020-2021',
  status: 'monitoring',
  summary: 'How the police keep residents informed.',
  council_id: STOCKTON,
  council_name: 'Stockton-on-Tees Borough Council',
  committee: 'Crime and Disorder Select Committee',
};

/** As crates/db/src/queries/open_data.rs builds it, with the grade's label added. */
const review = {
  ...summary,
  recommendations: [
    {
      id: '00000000-0000-4000-8000-00000000b001',
      number: '1',
      text: 'That Cleveland Police improve how it tells residents what it has done.',
      status: 'open',
      parts: [
        { label: 'a', text: 'publish a monthly newsletter' },
        { label: 'b', text: 'hold ward surgeries' },
      ],
      latest_accepted_grade: { grade: '2', round: 'November 2022', meeting_date: '2022-11-14', label: 'On-Track' },
    },
    {
      id: '00000000-0000-4000-8000-00000000b002',
      number: '2',
      text: 'That the 101 service answers within ten minutes.',
      status: 'closed',
      parts: [],
      latest_accepted_grade: null,
    },
  ],
  decisions: [
    {
      id: '00000000-0000-4000-8000-00000000d001',
      body: 'Cabinet',
      meeting_date: '2022-01-20',
      item_title: 'Scrutiny Review of Police Communications',
      decision_text: 'Cabinet accepted the recommendations.',
      reasons: 'To improve confidence in policing.',
      alternatives: null,
      reference: 'CAB 22/01',
      published_on: '2022-01-21',
      call_in_state: 'expired',
      call_in_deadline: '2022-01-28T23:59:00+00:00',
      resolutions: [{ number: '1', text: 'The recommendations be approved.', parts: [] }],
    },
  ],
  action_plan: {
    title: 'Police Communications action plan',
    status: 'agreed',
    agreed_on: '2022-03-01',
    agreed_on_precision: 'month',
    actions: [
      {
        recommendation_number: '1',
        proposed_actions: 'Send a monthly newsletter to every ward.',
        success_measures: ['Newsletters sent each month'],
        status: 'open',
        responsible: ['Cleveland Police'],
        milestones: [
          { due_on: '2022-09-01', precision: 'month', label: 'First newsletter', met: true },
          { due_on: '2023-01-15', precision: 'day', label: null, met: false },
        ],
      },
    ],
  },
};

function openApi() {
  return mockApi()
    .get('/api/v1/open/councils', () => councils)
    .get('/api/v1/open/reviews', (call) =>
      call.url.searchParams.get('cursor') === 'page-2'
        ? { items: [{ ...summary, id: '00000000-0000-4000-8000-00000000a002', title: 'Second page review' }], next_cursor: null }
        : { items: [summary], next_cursor: 'page-2' },
    )
    .get(`/api/v1/open/reviews/${REVIEW}`, () => review)
    .get('/api/v1/open/reviews/:id', () => problem(404, 'Not found'))
    .get('/api/v1/open/recommendations.csv', () =>
      new Response('\uFEFFCouncil,Committee\r\n', { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' } }),
    );
}

describe('the published reviews (open data)', () => {
  it('are listed for a signed-out visitor, with the councils, and asked for without a token', async () => {
    const server = openApi();
    const { user } = renderApp('/public');
    expect(await screen.findByRole('heading', { level: 1, name: 'Published scrutiny reviews' }, LOADED)).toBeInTheDocument();
    const councilTable = await screen.findByRole('table', { name: 'Councils' });
    expect(within(councilTable).getByRole('cell', { name: '1' })).toBeInTheDocument();
    // A council without published reviews is not a link.
    expect(within(councilTable).queryByRole('link', { name: /Hartlepool/ })).not.toBeInTheDocument();
    const reviews = await screen.findByRole('table', { name: 'Published reviews' });
    expect(within(reviews).getByRole('link', { name: TITLE })).toHaveAttribute('href', `/public/reviews/${REVIEW}`);
    expect(within(reviews).getByText('Monitoring')).toBeInTheDocument();
    expect(within(reviews).getByText('Crime and Disorder Select Committee')).toBeInTheDocument();
    // Nobody is signed in: the page is not sent to sign in, and no call carries a token.
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    for (const call of server.calls) expect(call.headers.get('Authorization')).toBeNull();

    // One council's reviews.
    await user.click(within(councilTable).getByRole('link', { name: /Stockton-on-Tees Borough Council/ }));
    expect(
      await screen.findByRole('table', { name: 'Reviews published by Stockton-on-Tees Borough Council' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(server.callsTo('GET', '/api/v1/open/reviews').at(-1)!.url.searchParams.get('council_id')).toBe(STOCKTON),
    );
    expect(screen.getByRole('link', { name: 'Show the reviews of every council' })).toHaveAttribute('href', '/public');
    expect(screen.getByRole('link', { name: `${window.location.origin}/api/v1/open/recommendations.csv?council_id=${STOCKTON}` })).toBeInTheDocument();
  });

  it('keep the next page in the address', async () => {
    const server = openApi();
    const { user } = renderApp('/public');
    const next = await screen.findByRole('link', { name: 'Next page' }, LOADED);
    expect(next).toHaveAttribute('href', '/public?cursor=page-2');
    await user.click(next);
    expect(await screen.findByRole('link', { name: 'Second page review' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Published reviews (continued)' })).toBeInTheDocument();
    expect(server.callsTo('GET', '/api/v1/open/reviews').at(-1)!.url.searchParams.get('cursor')).toBe('page-2');
  });

  it('are asked for without a token by a signed-in person too', async () => {
    signedIn();
    const server = openApi().get('/api/v1/me', () => me());
    renderApp('/public');
    await screen.findByRole('table', { name: 'Published reviews' }, LOADED);
    const open = server.calls.filter((c) => c.url.pathname.startsWith('/api/v1/open/'));
    expect(open.length).toBeGreaterThan(0);
    for (const call of open) expect(call.headers.get('Authorization')).toBeNull();
    // The navigation is there for them as on any page.
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('download the recommendations as CSV', async () => {
    const server = openApi();
    const saved: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:test/1');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const { user } = renderApp('/public');
    await user.click(await screen.findByRole('button', { name: 'download the recommendations (CSV)' }, LOADED));
    await waitFor(() => expect(saved).toEqual(['published-recommendations.csv']));
    const csv = server.callsTo('GET', '/api/v1/open/recommendations.csv');
    expect(csv).toHaveLength(1);
    expect(csv[0]!.url.searchParams.get('council_id')).toBeNull();
    expect(csv[0]!.headers.get('Authorization')).toBeNull();
    vi.restoreAllMocks();
  });

  it('show a review: recommendations with parts and accepted grades, decisions and the action plan', async () => {
    const server = openApi();
    renderApp(`/public/reviews/${REVIEW}`);
    expect(await screen.findByRole('heading', { level: 1, name: new RegExp(TITLE) }, LOADED)).toBeInTheDocument();
    expect(document.title).toBe(`${TITLE} – Scrutiny recommendation tracker`);
    expect(screen.getByRole('link', { name: 'Published scrutiny reviews' })).toHaveAttribute('href', '/public');

    // Recommendations, their parts and the grade the committee accepted.
    expect(screen.getByRole('heading', { level: 3, name: 'Recommendation 1' })).toBeInTheDocument();
    const parts = screen.getByRole('list', { name: 'Parts of recommendation 1' });
    expect(within(parts).getByText('publish a monthly newsletter')).toBeInTheDocument();
    expect(screen.getByText('2 (On-Track)')).toBeInTheDocument();
    expect(screen.getByText(/as the committee judged it on 14 November 2022 in the November 2022 progress update/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Recommendation 2 Closed' })).toBeInTheDocument();
    expect(screen.getByText('The committee has not yet judged its progress.')).toBeInTheDocument();

    // Cabinet's decision.
    expect(screen.getByRole('heading', { level: 2, name: 'What Cabinet decided' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: /Cabinet, 20 January 2022/ })).toBeInTheDocument();
    expect(screen.getByText('Cabinet accepted the recommendations.')).toBeInTheDocument();
    expect(screen.getByText('Call-in period over')).toBeInTheDocument();

    // The action plan: who is responsible, and the milestones.
    const plan = screen.getByRole('table', { name: 'Actions agreed in the plan' });
    expect(within(plan).getByText('Cleveland Police')).toBeInTheDocument();
    expect(within(plan).getByText('September 2022 (First newsletter)')).toBeInTheDocument();
    expect(within(plan).getByText('15 January 2023')).toBeInTheDocument();
    expect(within(plan).getByText('Met')).toBeInTheDocument();
    expect(within(plan).getByText('Newsletters sent each month')).toBeInTheDocument();
    expect(screen.getByText('The plan was agreed in March 2022.')).toBeInTheDocument();

    // The data, and the council's other reviews.
    expect(screen.getByRole('button', { name: 'download the recommendations (CSV)' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Other reviews published by Stockton-on-Tees Borough Council' })).toHaveAttribute(
      'href',
      `/public?council=${STOCKTON}`,
    );
    for (const call of server.calls) expect(call.headers.get('Authorization')).toBeNull();
  });

  it('say so when a review is not published', async () => {
    openApi();
    renderApp('/public/reviews/00000000-0000-4000-8000-00000000a0ff');
    expect(await screen.findByRole('heading', { level: 1, name: 'Review not found' }, LOADED)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See the reviews councils have published' })).toHaveAttribute('href', '/public');
  });

  it('show an error, not blanks, when an answer is not of the expected shape', async () => {
    mockApi()
      .get('/api/v1/open/councils', () => ({ items: [{ id: STOCKTON }] }))
      .get('/api/v1/open/reviews', () => ({ items: [], next_cursor: null }));
    renderApp('/public');
    expect(await screen.findByText('Sorry, the councils could not be loaded', {}, LOADED)).toBeInTheDocument();
    expect(await screen.findByText('No reviews have been published yet.')).toBeInTheDocument();
  });

  it('are linked from the sign-in page and the footer', async () => {
    openApi();
    const { user } = renderApp('/sign-in');
    const link = await screen.findByRole('link', { name: 'read the scrutiny reviews councils have published' }, LOADED);
    expect(screen.getByRole('contentinfo')).toContainElement(
      within(screen.getByRole('contentinfo')).getByRole('link', { name: 'Published reviews' }),
    );
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Published scrutiny reviews' })).toBeInTheDocument();
  });
});
