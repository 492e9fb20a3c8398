import { act, screen, waitFor, within } from '@testing-library/react';
import { endSession, getSession } from '@/lib/session';
import { committee, contributor, me, review } from '@/testing/fixtures';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

function withReviews(server: ReturnType<typeof mockApi>, who = me()) {
  return server
    .get('/api/v1/me', () => who)
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/reviews', () => ({ items: [review()] }));
}

describe('the app', () => {
  it('has a skip link, the service name and no navigation before signing in', async () => {
    mockApi();
    renderApp('/sign-in');
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main-content');
    expect(screen.getByRole('banner')).toHaveTextContent('Scrutiny recommendation tracker');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Menu' })).not.toBeInTheDocument();
  });

  it('sends someone who is not signed in to sign in, and back afterwards', async () => {
    const server = withReviews(mockApi()).post('/api/v1/auth/token', () =>
      json({ access_token: 'a', token_type: 'Bearer', expires_in: 900, refresh_token: 'rt' }),
    );
    const { user } = renderApp('/reviews?status=monitoring');
    await user.type(await screen.findByLabelText('Email address'), 'officer@stockton.example');
    await user.type(screen.getByLabelText('Password'), 'demo-password-2026');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Reviews' })).toBeInTheDocument();
    await waitFor(() =>
      expect(server.callsTo('GET', '/api/v1/reviews')[0]?.url.searchParams.get('status')).toBe('monitoring'),
    );
  });

  it('shows an officer the reviews of their council', async () => {
    signedIn();
    withReviews(mockApi());
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: /Scrutiny reviews/ })).toHaveTextContent(
      'Stockton-on-Tees Borough Council',
    );
    const table = await screen.findByRole('table', { name: 'Reviews of Stockton-on-Tees Borough Council' });
    const row = within(table).getByRole('row', { name: /Police Communications/ });
    expect(row).toHaveTextContent('Crime and Disorder Select Committee');
    expect(row).toHaveTextContent('Action plan agreed');
    expect(within(row).getByRole('link', { name: 'Police Communications in Stockton-on-Tees' })).toHaveAttribute(
      'href',
      `/reviews/${review().id}`,
    );
  });

  it("shows a contributor the reviews their organisation is involved in", async () => {
    signedIn();
    const server = withReviews(mockApi(), contributor());
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: /Your progress updates/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Reviews you are involved in' })).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Reviews Cleveland Police is involved in' })).toBeInTheDocument();
    const query = server.callsTo('GET', '/api/v1/reviews')[0]!.url.searchParams;
    expect(query.get('responsible_organisation_id')).toBe(contributor().organisation.id);
  });

  it('says so when there are no reviews', async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () => me())
      .get('/api/v1/committees', () => ({ items: [] }))
      .get('/api/v1/reviews', () => ({ items: [] }));
    renderApp('/');
    expect(await screen.findByText('Your council has no reviews yet.')).toBeInTheDocument();
  });

  it('signs out: revokes the session and says so', async () => {
    signedIn('access', 'rt_to_revoke');
    const server = withReviews(mockApi()).post('/api/v1/auth/revoke', () => new Response(null, { status: 204 }));
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/v1/auth/revoke')[0]!.body).toEqual({ refresh_token: 'rt_to_revoke' });
    expect(getSession()).toBeNull();
  });

  it('asks to sign in again when the session ends', async () => {
    signedIn();
    withReviews(mockApi());
    renderApp('/');
    await screen.findByRole('table');
    act(() => endSession('expired'));
    expect(await screen.findByText('Your session has ended. Sign in again to carry on.')).toBeInTheDocument();
  });

  it('has a page for addresses that do not exist', async () => {
    mockApi();
    renderApp('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Page not found – Scrutiny recommendation tracker'));
  });
});
