import { screen, waitFor, within } from '@testing-library/react';
import { committee, me, review } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const OTHER_COMMITTEE = '00000000-0000-4000-8000-000000000011';

function setup(path: string) {
  signedIn();
  const server = mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees', () => ({
      items: [committee(), committee({ id: OTHER_COMMITTEE, name: 'People Select Committee' })],
    }))
    .get('/api/v1/reviews', (call) =>
      call.url.searchParams.get('cursor') === 'page-2'
        ? { items: [review({ id: '00000000-0000-4000-8000-000000000199', title: 'Second page review' })] }
        : { items: [review()], next_cursor: 'page-2' },
    );
  return { server, ...renderApp(path) };
}

describe('the list of reviews', () => {
  it('passes the filters in the address to the API', async () => {
    const { server } = setup(`/reviews?committee=${OTHER_COMMITTEE}&status=monitoring`);
    await screen.findByRole('table', { name: 'Reviews' });
    const query = server.callsTo('GET', '/api/v1/reviews')[0]!.url.searchParams;
    expect(query.get('committee_id')).toBe(OTHER_COMMITTEE);
    expect(query.get('status')).toBe('monitoring');
    await waitFor(() => expect(screen.getByLabelText('Committee')).toHaveValue(OTHER_COMMITTEE));
    expect(screen.getByLabelText('Status')).toHaveValue('monitoring');
  });

  it('passes the reference in the address to the API and shows it in the filter', async () => {
    const { server } = setup('/reviews?reference=2024%2F25-01');
    await screen.findByRole('table', { name: 'Reviews' });
    expect(server.callsTo('GET', '/api/v1/reviews')[0]!.url.searchParams.get('reference')).toBe('2024/25-01');
    await waitFor(() => expect(screen.getByLabelText('Reference')).toHaveValue('2024/25-01'));
    expect(screen.getByRole('link', { name: 'Next page' })).toHaveAttribute(
      'href',
      '/reviews?reference=2024%2F25-01&cursor=page-2',
    );
    expect(screen.getByRole('link', { name: 'Clear filters' })).toHaveAttribute('href', '/reviews');
  });

  it('applies a reference typed in the filters and keeps it in the address', async () => {
    const { user, server } = setup('/reviews?status=monitoring');
    await screen.findByRole('table', { name: 'Reviews' });
    await user.type(screen.getByLabelText('Reference'), '  2024/25-01 ');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() =>
      expect(server.callsTo('GET', '/api/v1/reviews').at(-1)!.url.searchParams.get('reference')).toBe('2024/25-01'),
    );
    const query = server.callsTo('GET', '/api/v1/reviews').at(-1)!.url.searchParams;
    expect(query.get('status')).toBe('monitoring');
    expect(await screen.findByRole('link', { name: 'Next page' })).toHaveAttribute(
      'href',
      '/reviews?status=monitoring&reference=2024%2F25-01&cursor=page-2',
    );
  });

  it('sends no reference when the filter is blank', async () => {
    const { user, server } = setup('/reviews?reference=2024%2F25-01');
    await screen.findByRole('table', { name: 'Reviews' });
    await waitFor(() => expect(screen.getByLabelText('Reference')).toHaveValue('2024/25-01'));
    await user.clear(screen.getByLabelText('Reference'));
    await user.type(screen.getByLabelText('Reference'), '   ');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(server.callsTo('GET', '/api/v1/reviews')).toHaveLength(2));
    expect(server.callsTo('GET', '/api/v1/reviews').at(-1)!.url.searchParams.has('reference')).toBe(false);
    expect(await screen.findByRole('link', { name: 'Next page' })).toHaveAttribute('href', '/reviews?cursor=page-2');
    expect(screen.queryByRole('link', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it('keeps the next page in the address', async () => {
    const { user, server } = setup('/reviews?status=monitoring');
    const next = await screen.findByRole('link', { name: 'Next page' });
    expect(next).toHaveAttribute('href', '/reviews?status=monitoring&cursor=page-2');
    await user.click(next);
    expect(await screen.findByRole('link', { name: 'Second page review' })).toBeInTheDocument();
    expect(server.callsTo('GET', '/api/v1/reviews').at(-1)!.url.searchParams.get('cursor')).toBe('page-2');
    expect(screen.getByRole('link', { name: 'First page' })).toHaveAttribute('href', '/reviews?status=monitoring');
    expect(screen.queryByRole('link', { name: 'Next page' })).not.toBeInTheDocument();
  });

  it('applies filters from the first page', async () => {
    const { user, server } = setup('/reviews?cursor=page-2');
    await screen.findByRole('link', { name: 'Second page review' });
    await user.selectOptions(screen.getByLabelText('Status'), 'signed_off');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() =>
      expect(server.callsTo('GET', '/api/v1/reviews').at(-1)!.url.searchParams.get('status')).toBe('signed_off'),
    );
    expect(server.callsTo('GET', '/api/v1/reviews').at(-1)!.url.searchParams.get('cursor')).toBeNull();
    expect(screen.getByRole('link', { name: 'Clear filters' })).toHaveAttribute('href', '/reviews');
  });

  it('says when nothing matches', async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () => me())
      .get('/api/v1/committees', () => ({ items: [] }))
      .get('/api/v1/reviews', () => ({ items: [] }));
    renderApp('/reviews?status=withdrawn');
    expect(await screen.findByText('No reviews match these filters.')).toBeInTheDocument();
  });

  it('shows each review with its committee and status', async () => {
    setup('/reviews');
    const table = await screen.findByRole('table', { name: 'Reviews' });
    await waitFor(() => expect(within(table).getByRole('columnheader', { name: 'Committee' })).toBeInTheDocument());
    expect(within(table).getByText('Action plan agreed')).toBeInTheDocument();
  });

  it("shows a review's reference when it has one", async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () => me())
      .get('/api/v1/committees', () => ({ items: [committee()] }))
      .get('/api/v1/reviews', () => ({
        items: [
          review({ reference: '2024/25-01' }),
          review({ id: '00000000-0000-4000-8000-000000000198', title: 'Unreferenced review', reference: null }),
        ],
      }));
    renderApp('/reviews');
    const table = await screen.findByRole('table', { name: 'Reviews' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getByText('Reference 2024/25-01')).toBeInTheDocument();
    expect(within(rows[2]!).queryByText(/^Reference/)).not.toBeInTheDocument();
  });
});
