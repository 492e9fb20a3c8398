import { screen, waitFor, within } from '@testing-library/react';
import { getSession } from '@/lib/session';
import { me } from '@/testing/fixtures';
import { mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };

function setup() {
  signedIn('access-old', 'rt_old');
  const server = mockApi()
    .get('/api/v1/me', () => me())
    .on('PUT', '/api/v1/me/password', (call) => {
      const body = call.body as { current_password: string };
      if (body.current_password !== 'the old passphrase') {
        return problem(422, 'Unprocessable', {
          errors: [{ field: 'current_password', message: 'is not your current password' }],
        });
      }
      return { access_token: 'access-new', token_type: 'Bearer', expires_in: 900, refresh_token: 'rt_new' };
    });
  return { server, ...renderApp('/account') };
}

describe('changing your own password', () => {
  it('is linked from the header, under the account', async () => {
    setup();
    const link = await screen.findByRole('link', { name: 'Your account' }, LOADED);
    expect(link).toHaveAttribute('href', '/account');
    expect(await screen.findByRole('link', { name: 'Change your password' })).toHaveAttribute('href', '/account/password');
    expect(screen.getByText('officer@stockton.example')).toBeInTheDocument();
  });

  it('checks the new password twice, then sends both and keeps the new session', async () => {
    const { user, server } = setup();
    await user.click(await screen.findByRole('link', { name: 'Change your password' }, LOADED));
    await screen.findByRole('heading', { level: 1, name: 'Change your password' });
    await user.type(screen.getByLabelText('Current password'), 'the old passphrase');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'New password: must be at least 12 characters' })).toHaveAttribute(
      'href',
      '#new-password',
    );
    expect(server.callsTo('PUT', '/api/v1/me/password')).toHaveLength(0);

    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'a much longer passphrase');
    await user.type(screen.getByLabelText('Confirm your new password'), 'a much longer passphras');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('link', { name: /Confirm your new password: type the same/ })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Confirm your new password'), 'e');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your password has been changed')).toBeInTheDocument();
    expect(server.callsTo('PUT', '/api/v1/me/password')[0]!.body).toEqual({
      current_password: 'the old passphrase',
      new_password: 'a much longer passphrase',
    });
    await waitFor(() => expect(getSession()?.refreshToken).toBe('rt_new'));
    expect(getSession()?.accessToken).toBe('access-new');
  });

  it("links the API's 422 on the current password to its field", async () => {
    const { user } = setup();
    await user.click(await screen.findByRole('link', { name: 'Change your password' }, LOADED));
    await user.type(await screen.findByLabelText('Current password'), 'not it at all');
    await user.type(screen.getByLabelText('New password'), 'a much longer passphrase');
    await user.type(screen.getByLabelText('Confirm your new password'), 'a much longer passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const link = await screen.findByRole('link', { name: 'Current password: is not your current password' });
    expect(link).toHaveAttribute('href', '#current-password');
    expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription(/is not your current password/);
    expect(getSession()?.refreshToken).toBe('rt_old');
    await waitFor(() => expect(document.title).toMatch(/^Error: Change your password/));
  });
});
