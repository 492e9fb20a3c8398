import { screen, waitFor, within } from '@testing-library/react';
import { contributor, executiveResponse, me, RESPONSE_ID, REVIEW_ID, statutoryResponse } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LIST = '/api/v1/statutory-responses';
const LOADED = { timeout: 5000 };

function setup(who = me(), path = '/statutory-responses') {
  signedIn();
  const server = mockApi()
    .get('/api/v1/me', () => who)
    .get(LIST, (call) =>
      call.url.searchParams.get('cursor')
        ? { items: [executiveResponse()] }
        : { items: [statutoryResponse()], next_cursor: 'c2' },
    );
  return { server, ...renderApp(path) };
}

describe('the statutory responses list', () => {
  it('shows a partner what its organisation owes first, overdue flagged', async () => {
    const { server } = setup(contributor());
    const table = await screen.findByRole('table', { name: 'Responses Cleveland Police owes' }, LOADED);
    expect(server.callsTo('GET', LIST)[0]!.url.searchParams.get('state')).toBe('awaited');
    const row = within(table).getByRole('row', { name: /Cleveland Police/ });
    expect(within(row).getByRole('link', { name: 'Response of Cleveland Police' })).toHaveAttribute(
      'href',
      `/statutory-responses/${RESPONSE_ID}`,
    );
    expect(within(row).getByRole('link', { name: 'Police Communications in Stockton-on-Tees' })).toHaveAttribute(
      'href',
      `/reviews/${REVIEW_ID}`,
    );
    expect(row).toHaveTextContent('17 February 2022');
    expect(within(row).getByText('Overdue')).toBeInTheDocument();
    expect(screen.getByLabelText('State')).toHaveValue('awaited');
  });

  it('shows an officer every state, and puts the filters in the address', async () => {
    const { server, user } = setup();
    await screen.findByRole('table', { name: 'Statutory responses' }, LOADED);
    expect(server.callsTo('GET', LIST)[0]!.url.searchParams.get('state')).toBeNull();
    await user.selectOptions(screen.getByLabelText('State'), 'Awaited');
    await user.click(screen.getByLabelText('Only overdue responses'));
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(server.callsTo('GET', LIST).length).toBeGreaterThan(1));
    const last = server.callsTo('GET', LIST).at(-1)!.url.searchParams;
    expect(last.get('state')).toBe('awaited');
    expect(last.get('overdue')).toBe('true');
    expect(screen.getByRole('link', { name: 'Clear filters' })).toHaveAttribute('href', '/statutory-responses');
  });

  it('reads the filters from the address, as the dashboard links them, and pages on', async () => {
    const { server, user } = setup(me(), '/statutory-responses?state=awaited&overdue=true');
    await screen.findByRole('table', { name: 'Statutory responses' }, LOADED);
    const query = server.callsTo('GET', LIST)[0]!.url.searchParams;
    expect(query.get('state')).toBe('awaited');
    expect(query.get('overdue')).toBe('true');
    expect(screen.getByLabelText('Only overdue responses')).toBeChecked();
    await user.click(screen.getByRole('link', { name: 'Next page' }));
    await screen.findByRole('table', { name: 'Statutory responses (continued)' });
    expect(server.callsTo('GET', LIST).at(-1)!.url.searchParams.get('cursor')).toBe('c2');
  });

  it('is in the navigation of contributors, with the milestones', async () => {
    setup(contributor());
    const nav = await screen.findByRole('navigation', { name: 'Menu' }, LOADED);
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Responses' })).toHaveAttribute('aria-current', 'page'));
    expect(within(nav).getByRole('link', { name: 'Milestones' })).toHaveAttribute('href', '/milestones');
  });

  it('is not in the navigation of viewers', async () => {
    setup(me({ role: 'viewer' }), '/reviews');
    const nav = await screen.findByRole('navigation', { name: 'Menu' }, LOADED);
    // Once the account has loaded, the navigation is the viewer's.
    await screen.findByText('Marc Stephenson');
    expect(within(nav).queryByRole('link', { name: 'Responses' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Milestones' })).not.toBeInTheDocument();
  });
});
