import { screen, within } from '@testing-library/react';
import { COUNCIL_ID, contributor, dashboard, POLICE_ID, REVIEW_ID, review } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const OTHER_COUNCIL = '00000000-0000-4000-8000-000000000003';
const OTHER_REVIEW = '00000000-0000-4000-8000-000000000101';

describe("a partner's dashboard", () => {
  it('shows what the organisation owes and has submitted, by council and review, with its grades', async () => {
    signedIn();
    const server = mockApi()
      .get('/api/v1/me', () => contributor())
      .get('/api/v1/me/inbox', () => ({ items: [] }))
      .get('/api/v1/committees', () => ({ items: [] }))
      .get('/api/v1/dashboard', () =>
        dashboard({
          by_review: [
            {
              id: REVIEW_ID,
              name: 'Police Communications in Stockton-on-Tees',
              counts: [
                { state: 'accepted', grade: '1', count: 3 },
                { state: 'submitted', grade: '3', count: 1 },
                { state: 'draft', grade: null, count: 1 },
              ],
            },
            { id: OTHER_REVIEW, name: 'Knife crime', counts: [{ state: 'returned', grade: '2', count: 2 }] },
          ],
          by_review_total: 2,
          by_organisation: [
            {
              id: POLICE_ID,
              name: 'Cleveland Police',
              counts: [
                { state: 'accepted', grade: '1', count: 3 },
                { state: 'submitted', grade: '3', count: 1 },
                { state: 'draft', grade: null, count: 1 },
                { state: 'returned', grade: '2', count: 2 },
              ],
            },
          ],
          overdue_actions: 2,
        }),
      )
      .get('/api/v1/reviews', () => ({
        items: [review(), review({ id: OTHER_REVIEW, title: 'Knife crime', council_id: OTHER_COUNCIL })],
      }))
      .get('/api/v1/organisations', () => ({
        items: [
          { id: COUNCIL_ID, name: 'Stockton-on-Tees Borough Council', kind: 'council', responsible_authority: true, created_at: '', updated_at: '', version: 1 },
          { id: OTHER_COUNCIL, name: 'Middlesbrough Council', kind: 'council', responsible_authority: true, created_at: '', updated_at: '', version: 1 },
        ],
      }));
    renderApp('/');
    await screen.findByRole('heading', { level: 2, name: 'What Cleveland Police owes and has submitted' }, LOADED);
    const figures = await screen.findByLabelText('Cleveland Police: figures');
    expect(figures).toHaveTextContent('Updates to write3');
    expect(figures).toHaveTextContent('Submitted, with the council1');
    expect(figures).toHaveTextContent('Accepted by the committee3');
    expect(figures).toHaveTextContent('Actions overdue2');

    const stockton = screen.getByRole('table', { name: /^Stockton-on-Tees Borough Council: Cleveland Police's latest update/ });
    const row = within(stockton).getByRole('row', { name: /Police Communications/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '1',
      '1',
      '3',
      '1 (Fully Achieved): 3; 3 (Slipped): 1; Not graded yet: 1',
    ]);
    const middlesbrough = screen.getByRole('table', { name: /^Middlesbrough Council:/ });
    expect(within(middlesbrough).getByRole('row', { name: /Knife crime/ })).toHaveTextContent('2 (On-Track): 2');
    // Councils by name.
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings.indexOf('Middlesbrough Council')).toBeLessThan(headings.indexOf('Stockton-on-Tees Borough Council'));
    expect(server.callsTo('GET', '/api/v1/dashboard')).toHaveLength(1);
    expect(screen.queryByText(/reviews with the most updates not yet accepted/)).not.toBeInTheDocument();
  });

  it('takes its figures from every review and says when it lists only some of them', async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () => contributor())
      .get('/api/v1/me/inbox', () => ({ items: [] }))
      .get('/api/v1/committees', () => ({ items: [] }))
      .get('/api/v1/dashboard', () =>
        dashboard({
          by_review: [{ id: REVIEW_ID, name: 'Police Communications in Stockton-on-Tees', counts: [{ state: 'draft', grade: null, count: 1 }] }],
          by_review_total: 140,
          by_organisation: [{ id: POLICE_ID, name: 'Cleveland Police', counts: [{ state: 'draft', grade: null, count: 260 }] }],
        }),
      )
      .get('/api/v1/reviews', () => ({ items: [review()] }))
      .get('/api/v1/organisations', () => ({ items: [] }));
    renderApp('/');
    const figures = await screen.findByLabelText('Cleveland Police: figures', undefined, LOADED);
    expect(figures).toHaveTextContent('Updates to write260');
    expect(screen.getByText('These are the 1 reviews with the most updates not yet accepted, of 140.')).toBeInTheDocument();
  });
});

describe('the accessibility statement', () => {
  it('is linked from every page and read without signing in', async () => {
    mockApi();
    const { user } = renderApp('/sign-in');
    await user.click(await screen.findByRole('link', { name: 'Accessibility statement' }, LOADED));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Accessibility statement for the Scrutiny recommendation tracker' }),
    ).toBeInTheDocument();
    for (const name of [
      'How accessible this service is',
      'Feedback and contact information',
      'Reporting accessibility problems with this service',
      'Enforcement procedure',
      "Technical information about this service's accessibility",
      'Non-accessible content',
      "What we're doing to improve accessibility",
      'Preparation of this accessibility statement',
    ]) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeInTheDocument();
    }
    expect(screen.getByRole('heading', { level: 3, name: 'Compliance status' })).toBeInTheDocument();
  });
});
