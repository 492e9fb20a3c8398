import { api } from './client';
import { getSession, lastEndReason } from '@/lib/session';
import { json, mockApi, problem } from '@/testing/mock-api';
import { me } from '@/testing/fixtures';
import { signedIn } from '@/testing/render';

function tokens(access: string, refresh: string) {
  return { access_token: access, token_type: 'Bearer', expires_in: 900, refresh_token: refresh };
}

describe('the API client', () => {
  it('sends the access token', async () => {
    signedIn('access-1');
    const server = mockApi().get('/api/v1/me', () => me());
    const { data } = await api.GET('/api/v1/me');
    expect(data?.name).toBe('Marc Stephenson');
    expect(server.calls[0]!.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('sends no token when nobody is signed in', async () => {
    const server = mockApi().get('/api/v1/me', () => problem(401, 'Unauthorized'));
    const { response } = await api.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(server.calls[0]!.headers.get('Authorization')).toBeNull();
    expect(server.callsTo('POST', '/api/v1/auth/token')).toHaveLength(0);
  });

  it('refreshes once on a 401 and repeats the request with the new token', async () => {
    signedIn('access-old', 'rt_old');
    const server = mockApi()
      .post('/api/v1/auth/token', () => tokens('access-new', 'rt_new'))
      .get('/api/v1/me', (call) =>
        call.headers.get('Authorization') === 'Bearer access-new' ? me() : problem(401, 'Unauthorized'),
      );

    const { data } = await api.GET('/api/v1/me');

    expect(data?.email).toBe('officer@stockton.example');
    const refreshes = server.callsTo('POST', '/api/v1/auth/token');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.body).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt_old' });
    expect(refreshes[0]!.headers.get('Authorization')).toBeNull();
    expect(getSession()).toMatchObject({ accessToken: 'access-new', refreshToken: 'rt_new' });
  });

  it('repeats a request with its body after refreshing', async () => {
    signedIn('access-old', 'rt_old');
    const server = mockApi()
      .post('/api/v1/auth/token', () => tokens('access-new', 'rt_new'))
      .post('/api/v1/committees', (call) =>
        call.headers.get('Authorization') === 'Bearer access-new'
          ? json({ echoed: call.body }, 201)
          : problem(401, 'Unauthorized'),
      );
    const { response } = await api.POST('/api/v1/committees', {
      body: { name: 'Crime and Disorder Select Committee' },
    });
    expect(response.status).toBe(201);
    const posts = server.callsTo('POST', '/api/v1/committees');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toEqual({ name: 'Crime and Disorder Select Committee' });
  });

  it('signs out when the refresh token is refused', async () => {
    signedIn('access-old', 'rt_used');
    const server = mockApi()
      .post('/api/v1/auth/token', () => problem(401, 'Unauthorized'))
      .get('/api/v1/me', () => problem(401, 'Unauthorized'));

    const { response } = await api.GET('/api/v1/me');

    expect(response.status).toBe(401);
    expect(server.callsTo('GET', '/api/v1/me')).toHaveLength(1);
    expect(getSession()).toBeNull();
    expect(lastEndReason()).toBe('expired');
  });

  it('signs out when the repeated request is refused too', async () => {
    signedIn('access-old', 'rt_old');
    const server = mockApi()
      .post('/api/v1/auth/token', () => tokens('access-new', 'rt_new'))
      .get('/api/v1/me', () => problem(401, 'Unauthorized'));
    await api.GET('/api/v1/me');
    expect(server.callsTo('POST', '/api/v1/auth/token')).toHaveLength(1);
    expect(server.callsTo('GET', '/api/v1/me')).toHaveLength(2);
    expect(getSession()).toBeNull();
  });

  it('refreshes once for many requests that fail together', async () => {
    signedIn('access-old', 'rt_old');
    const server = mockApi()
      .post('/api/v1/auth/token', async () => {
        await new Promise((r) => setTimeout(r, 10));
        return tokens('access-new', 'rt_new');
      })
      .get('/api/v1/me', (call) =>
        call.headers.get('Authorization') === 'Bearer access-new' ? me() : problem(401, 'Unauthorized'),
      );
    const answers = await Promise.all([api.GET('/api/v1/me'), api.GET('/api/v1/me'), api.GET('/api/v1/me')]);
    expect(answers.map((a) => a.response.status)).toEqual([200, 200, 200]);
    expect(server.callsTo('POST', '/api/v1/auth/token')).toHaveLength(1);
  });

  it('refreshes before sending when the access token is about to expire', async () => {
    signedIn('access-old', 'rt_old', 10);
    const server = mockApi()
      .post('/api/v1/auth/token', () => tokens('access-new', 'rt_new'))
      .get('/api/v1/me', () => me());
    await api.GET('/api/v1/me');
    const sent = server.callsTo('GET', '/api/v1/me');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.get('Authorization')).toBe('Bearer access-new');
  });
});
