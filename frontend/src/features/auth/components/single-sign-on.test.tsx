// Signing in with a council's identity provider: the buttons on the sign-in page, the page the
// sign-in comes back to (`/signin/sso#code=…`), and signing out of the provider too.
import { screen, waitFor, within } from '@testing-library/react';
import type { TokenResponse } from '@/api/types';
import { browserLocation } from '@/lib/browser-location';
import { getSession, renewSession, startSession } from '@/lib/session';
import { committee, IDP_ID, me, review, signInOption } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/render';

const LOADED = { timeout: 5000 };
const OTHER_ID = '00000000-0000-4000-8000-000000000e02';
const LOGOUT_URL = 'https://login.stockton.example/logout?id_token_hint=eyJ&post_logout_redirect_uri=http%3A%2F%2Flocalhost%2Fsignin';
const TOKENS: TokenResponse = { access_token: 'access-sso', token_type: 'Bearer', expires_in: 900, refresh_token: 'rt_sso' };

function withHome(server: ReturnType<typeof mockApi>) {
  return server
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/reviews', () => ({ items: [review()] }));
}

/** The browser's address as the server's redirect leaves it. */
function arriveAt(address: string) {
  window.history.replaceState(null, '', address);
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('the sign-in page', () => {
  it("offers a button for each council's identity provider, back to the page asked for", async () => {
    const server = mockApi().get('/api/v1/auth/providers', () => ({
      items: [signInOption(), signInOption({ id: OTHER_ID, name: 'Hartlepool staff', council_name: 'Hartlepool Borough Council' })],
    }));
    renderApp(`/sign-in?next=${encodeURIComponent('/reviews?status=monitoring')}`);
    const section = (await screen.findByRole('heading', { level: 2, name: "Sign in with your council's account" }, LOADED))
      .closest('section')!;
    const stockton = within(section).getByRole('button', { name: 'Sign in with Stockton-on-Tees Borough Council staff' });
    // A plain link: the server sends the browser on to the provider.
    expect(stockton.tagName).toBe('A');
    expect(stockton).toHaveAttribute('href', `/api/v1/auth/oidc/${IDP_ID}/start?return_to=%2Freviews%3Fstatus%3Dmonitoring`);
    expect(stockton).toHaveAccessibleDescription('Stockton-on-Tees Borough Council');
    const hartlepool = within(section).getByRole('button', { name: 'Sign in with Hartlepool staff' });
    expect(hartlepool).toHaveAttribute('href', `/api/v1/auth/oidc/${OTHER_ID}/start?return_to=%2Freviews%3Fstatus%3Dmonitoring`);
    expect(hartlepool).toHaveAccessibleDescription('Hartlepool Borough Council');
    // The password form is still there; the list was asked for without a token.
    expect(screen.getByLabelText('Email address')).toBeInTheDocument();
    expect(server.callsTo('GET', '/api/v1/auth/providers')[0]!.headers.get('Authorization')).toBeNull();
  });

  it('returns to the home page when no page was asked for', async () => {
    mockApi().get('/api/v1/auth/providers', () => ({ items: [signInOption()] }));
    renderApp('/sign-in');
    expect(await screen.findByRole('button', { name: 'Sign in with Stockton-on-Tees Borough Council staff' }, LOADED)).toHaveAttribute(
      'href',
      `/api/v1/auth/oidc/${IDP_ID}/start?return_to=%2F`,
    );
  });

  it.each([
    ['there are none', () => ({ items: [] })],
    ['they cannot be loaded', () => problem(500, 'Internal Server Error')],
  ])('shows only the password form when %s', async (_, answer) => {
    const server = mockApi().get('/api/v1/auth/providers', answer);
    renderApp('/sign-in');
    await screen.findByLabelText('Email address', {}, LOADED);
    await waitFor(() => expect(server.callsTo('GET', '/api/v1/auth/providers')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('heading', { name: "Sign in with your council's account" })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Sign in with/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });
});

describe('coming back from the identity provider', () => {
  it('trades the code for a session, kept like a password sign-in, and opens the page asked for', async () => {
    arriveAt(`/signin/sso#code=hand-off-code&next=${encodeURIComponent('/reviews?status=monitoring')}`);
    const server = withHome(mockApi()).post('/api/v1/auth/token', () => json({ ...TOKENS, logout_url: LOGOUT_URL }));
    renderApp('/signin/sso');
    // The code is taken out of the address at once.
    await waitFor(() => expect(window.location.hash).toBe(''));
    expect(window.location.pathname).toBe('/signin/sso');
    expect(await screen.findByRole('heading', { level: 1, name: 'Reviews' }, LOADED)).toBeInTheDocument();
    const posts = server.callsTo('POST', '/api/v1/auth/token');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ grant_type: 'authorization_code', code: 'hand-off-code' });
    expect(getSession()).toMatchObject({ accessToken: 'access-sso', refreshToken: 'rt_sso', logoutUrl: LOGOUT_URL });
    await waitFor(() => expect(server.callsTo('GET', '/api/v1/reviews')[0]?.url.searchParams.get('status')).toBe('monitoring'));
    expect(server.callsTo('GET', '/api/v1/reviews')[0]!.headers.get('Authorization')).toBe('Bearer access-sso');
  });

  it('says it is signing in while the code is traded', async () => {
    arriveAt('/signin/sso#code=slow');
    let answer: (r: Response) => void = () => {};
    withHome(mockApi()).post('/api/v1/auth/token', () => new Promise<Response>((resolve) => (answer = resolve)));
    renderApp('/signin/sso');
    expect(await screen.findByRole('status', {}, LOADED)).toHaveTextContent('Signing you in…');
    answer(json(TOKENS));
    expect(await screen.findByRole('heading', { level: 1, name: /Scrutiny reviews/ })).toBeInTheDocument();
  });

  it.each([['//evil.example/x'], ['https://evil.example/x'], ['/\\evil.example'], ['/reviews\\..\\..\\evil']])(
    'goes to the home page, not to %s',
    async (next) => {
      arriveAt(`/signin/sso#code=c&next=${encodeURIComponent(next)}`);
      withHome(mockApi()).post('/api/v1/auth/token', () => json(TOKENS));
      renderApp('/signin/sso');
      expect(await screen.findByRole('heading', { level: 1, name: /Scrutiny reviews/ }, LOADED)).toBeInTheDocument();
      expect(getSession()).toMatchObject({ accessToken: 'access-sso', logoutUrl: null });
    },
  );

  it("shows the provider's refusal, with a way to try again", async () => {
    arriveAt(`/signin/sso#${new URLSearchParams({ error: 'Stockton staff did not sign you in: access_denied' })}`);
    const server = mockApi();
    renderApp('/signin/sso');
    expect(await screen.findByRole('heading', { level: 1, name: 'You are not signed in' }, LOADED)).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Stockton staff did not sign you in: access_denied');
    expect(screen.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '/sign-in');
    await waitFor(() => expect(document.title).toMatch(/^Error: You are not signed in/));
    expect(window.location.hash).toBe('');
    expect(server.callsTo('POST', '/api/v1/auth/token')).toHaveLength(0);
    expect(getSession()).toBeNull();
  });

  it('says so when the code no longer works', async () => {
    arriveAt('/signin/sso#code=used&next=%2Freviews');
    mockApi().post('/api/v1/auth/token', () => problem(401, 'Unauthorized', { detail: 'the code is not valid' }));
    const { user } = renderApp('/signin/sso');
    expect(await screen.findByRole('alert', {}, LOADED)).toHaveTextContent('it took too long, or it was already used');
    expect(screen.getByRole('heading', { level: 1, name: 'You are not signed in' })).toBeInTheDocument();
    expect(getSession()).toBeNull();
    await user.click(screen.getByRole('link', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('sends a visit without a code to sign in', async () => {
    arriveAt('/signin/sso');
    const server = mockApi();
    renderApp('/signin/sso');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' }, LOADED)).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/v1/auth/token')).toHaveLength(0);
  });

  it('sends the sign-out return address to the sign-in page', async () => {
    mockApi();
    renderApp('/signin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' }, LOADED)).toBeInTheDocument();
  });
});

describe("the identity provider's sign-out address", () => {
  it('outlives a refresh, and not a new sign-in', () => {
    startSession({ ...TOKENS, logout_url: LOGOUT_URL });
    renewSession({ ...TOKENS, access_token: 'access-2', refresh_token: 'rt_2' });
    expect(getSession()).toMatchObject({ accessToken: 'access-2', logoutUrl: LOGOUT_URL });
    startSession({ ...TOKENS, access_token: 'access-3' });
    expect(getSession()).toMatchObject({ accessToken: 'access-3', logoutUrl: null });
  });

  it('is where signing out goes, after the session is revoked', async () => {
    startSession({ ...TOKENS, logout_url: LOGOUT_URL });
    const server = withHome(mockApi()).post('/api/v1/auth/revoke', () => new Response(null, { status: 204 }));
    const revokedFirst: boolean[] = [];
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => {
      revokedFirst.push(server.callsTo('POST', '/api/v1/auth/revoke').length === 1 && getSession() === null);
    });
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }, LOADED));
    await waitFor(() => expect(assign).toHaveBeenCalledWith(LOGOUT_URL));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(revokedFirst).toEqual([true]);
    expect(server.callsTo('POST', '/api/v1/auth/revoke')[0]!.body).toEqual({ refresh_token: 'rt_sso' });
    // It is used once: gone with the session.
    expect(getSession()).toBeNull();
  });

  it('is not used after a password sign-in', async () => {
    startSession(TOKENS);
    const server = withHome(mockApi()).post('/api/v1/auth/revoke', () => new Response(null, { status: 204 }));
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => {});
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }, LOADED));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/v1/auth/revoke')).toHaveLength(1);
    expect(assign).not.toHaveBeenCalled();
  });
});
