import { screen, waitFor } from '@testing-library/react';
import { getSession } from '@/lib/session';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderWithProviders } from '@/testing/render';
import { SignInForm } from './sign-in-form';

function setup() {
  const onSignedIn = vi.fn();
  const utils = renderWithProviders(<SignInForm onSignedIn={onSignedIn} />);
  const fill = async (email: string, password: string) => {
    if (email) await utils.user.type(screen.getByLabelText('Email address'), email);
    if (password) await utils.user.type(screen.getByLabelText('Password'), password);
    await utils.user.click(screen.getByRole('button', { name: 'Sign in' }));
  };
  return { ...utils, onSignedIn, fill };
}

describe('signing in', () => {
  it('asks for both fields, with the summary linked to each', async () => {
    const server = mockApi();
    const { fill } = setup();
    await fill('', '');
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(screen.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#email');
    expect(screen.getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription('Error: Enter your email address');
    await waitFor(() => expect(document.title).toMatch(/^Error: Sign in/));
    expect(server.calls).toHaveLength(0);
  });

  it('focuses the field when its error is followed', async () => {
    mockApi();
    const { fill, user } = setup();
    await fill('', '');
    await user.click(screen.getByRole('link', { name: 'Enter your password' }));
    expect(screen.getByLabelText('Password')).toHaveFocus();
  });

  it('does not tell which of email and password was wrong', async () => {
    mockApi().post('/api/v1/auth/token', () =>
      problem(401, 'Unauthorized', { detail: 'the credentials are not valid' }),
    );
    const { fill, onSignedIn } = setup();
    await fill('officer@stockton.example', 'wrong-password');
    const link = await screen.findByRole('link', { name: 'Enter a correct email address and password' });
    expect(link).toHaveAttribute('href', '#email');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(
      'Error: Enter a correct email address and password',
    );
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'Error: Enter a correct email address and password',
    );
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(getSession()).toBeNull();
  });

  it('links the fields a 422 names', async () => {
    mockApi().post('/api/v1/auth/token', () =>
      problem(422, 'The request has invalid fields', {
        errors: [{ field: 'email', message: 'must be an email address such as name@example.org' }],
      }),
    );
    const { fill } = setup();
    await fill('a@b', 'x');
    expect(
      await screen.findByRole('link', { name: 'Email address: must be an email address such as name@example.org' }),
    ).toHaveAttribute('href', '#email');
  });

  it('says when to try again after too many attempts', async () => {
    mockApi().post('/api/v1/auth/token', () =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'Too many requests', status: 429 }), {
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '30' },
      }),
    );
    const { fill } = setup();
    await fill('officer@stockton.example', 'demo-password-2026');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wait 30 seconds and try again.');
  });

  it('starts a session with the password grant', async () => {
    const server = mockApi().post('/api/v1/auth/token', () =>
      json({ access_token: 'a', token_type: 'Bearer', expires_in: 900, refresh_token: 'rt_a' }),
    );
    const { fill, onSignedIn } = setup();
    await fill('  officer@stockton.example ', 'demo-password-2026');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(server.calls[0]!.body).toEqual({
      grant_type: 'password',
      email: 'officer@stockton.example',
      password: 'demo-password-2026',
    });
    expect(getSession()).toMatchObject({ accessToken: 'a', refreshToken: 'rt_a' });
  });
});
