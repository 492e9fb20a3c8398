import { configure, screen, within } from '@testing-library/react';
import { committee, contributor, POLICE_ID, recommendations, review } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

// Each test loads its page's lazy chunk and several API answers: allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const ORGANISATION = {
  id: POLICE_ID,
  name: 'Cleveland Police',
  kind: 'police',
  responsible_authority: true,
  created_at: '2022-01-01T00:00:00Z',
  updated_at: '2022-01-01T00:00:00Z',
  version: 1,
};

function setup(path: string) {
  signedIn();
  const server = mockApi()
    .get('/api/v1/me', () => contributor())
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/reviews', () => ({ items: [review()] }))
    .get('/api/v1/organisations', () => ({ items: [ORGANISATION] }))
    .get('/api/v1/recommendations', (call) =>
      call.url.searchParams.get('cursor')
        ? { items: [recommendations()[1]] }
        : { items: [recommendations()[0]], next_cursor: 'next-1' },
    );
  return { server, ...renderApp(path) };
}

describe('the recommendations list', () => {
  it('asks the API with the filters the URL holds, and pages on', async () => {
    const { server, user } = setup(`/recommendations?q=protocol&organisation=${POLICE_ID}&status=open&overdue=true`);
    const table = await screen.findByRole('table', { name: 'Recommendations' });
    expect(within(table).getByRole('link', { name: 'Recommendation 1' })).toHaveAttribute(
      'href',
      `/recommendations/${recommendations()[0]!.id}`,
    );
    expect(await within(table).findByRole('link', { name: review().title })).toBeInTheDocument();
    const first = server.callsTo('GET', '/api/v1/recommendations')[0]!.url.searchParams;
    expect(Object.fromEntries(first)).toEqual({
      limit: '25',
      q: 'protocol',
      responsible_organisation_id: POLICE_ID,
      status: 'open',
      overdue: 'true',
    });
    expect(screen.getByLabelText('Search')).toHaveValue('protocol');
    expect(screen.getByLabelText('Only those with an overdue action')).toBeChecked();

    await user.click(screen.getByRole('link', { name: 'Next page' }));
    expect(await screen.findByRole('table', { name: 'Recommendations (continued)' })).toBeInTheDocument();
    const next = server.callsTo('GET', '/api/v1/recommendations').at(-1)!.url.searchParams;
    expect(next.get('cursor')).toBe('next-1');
    expect(next.get('q')).toBe('protocol');
  });

  it('puts the chosen filters in the URL and starts from the first page', async () => {
    const { server, user } = setup('/recommendations');
    await screen.findByRole('table', { name: 'Recommendations' });
    await screen.findByRole('option', { name: 'Cleveland Police' }, { timeout: 5000 });
    await user.selectOptions(screen.getByLabelText('Responsible organisation'), POLICE_ID);
    await user.selectOptions(screen.getByLabelText('Status'), 'closed');
    await user.type(screen.getByLabelText('Search'), 'ward');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByRole('link', { name: 'Clear filters' })).toBeInTheDocument();
    const last = server.callsTo('GET', '/api/v1/recommendations').at(-1)!.url.searchParams;
    expect(last.get('responsible_organisation_id')).toBe(POLICE_ID);
    expect(last.get('status')).toBe('closed');
    expect(last.get('q')).toBe('ward');
    expect(last.get('cursor')).toBeNull();
  });

  it('shows where a search found its words, the words marked, best match first by default', async () => {
    signedIn();
    const [first, second] = recommendations();
    const part = second!.parts[3]!;
    const server = mockApi()
      .get('/api/v1/me', () => contributor())
      .get('/api/v1/committees', () => ({ items: [committee()] }))
      .get('/api/v1/reviews', () => ({ items: [review()] }))
      .get('/api/v1/organisations', () => ({ items: [ORGANISATION] }))
      .get('/api/v1/recommendations', () => ({
        items: [
          {
            ...second!,
            matches: [
              {
                source: 'part' as const,
                source_id: part.id,
                segments: [
                  { text: 'd) ', matched: false },
                  { text: 'PCSO', matched: true },
                  { text: ' contacts for each Ward', matched: false },
                ],
              },
            ],
          },
          { ...first!, matches: [] },
        ],
      }));
    const { user } = renderApp('/recommendations?q=PCSO');
    const where = await screen.findByRole('list', { name: 'Where recommendation 2 matches' });
    expect(where).toHaveTextContent(`Part ${part.label}): d) PCSO contacts for each Ward`);
    expect(within(where).getByText('PCSO').tagName).toBe('MARK');
    // Without passages, the recommendation's own words are shown as usual.
    expect(screen.queryByRole('list', { name: 'Where recommendation 1 matches' })).toBeNull();
    expect(screen.getByText(/Community Engagement Strategy/)).toBeInTheDocument();
    expect(server.callsTo('GET', '/api/v1/recommendations')[0]!.url.searchParams.get('sort')).toBeNull();

    // Searching offers the best match first, and the review's order on request.
    const order = screen.getByLabelText('Order');
    expect(within(order).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Best match first',
      'By review and number',
      'Latest change first',
    ]);
    await user.selectOptions(order, 'position');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('link', { name: 'Clear filters' });
    await vi.waitFor(() =>
      expect(server.callsTo('GET', '/api/v1/recommendations').at(-1)!.url.searchParams.get('sort')).toBe('position'),
    );
  });

  it('offers no best match without words, and never sends it', async () => {
    const { server } = setup('/recommendations?sort=relevance');
    await screen.findByRole('table', { name: 'Recommendations' });
    expect(within(screen.getByLabelText('Order')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'By review and number',
      'Latest change first',
    ]);
    expect(server.callsTo('GET', '/api/v1/recommendations')[0]!.url.searchParams.get('sort')).toBeNull();
  });
});
