import { screen, waitFor, within } from '@testing-library/react';
import { delivery, me, WEBHOOK_ID, webhook } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const admin = () => me({ role: 'admin', name: 'Demo Admin', email: 'admin@stockton.example' });

function setup(path: string) {
  signedIn();
  let current = webhook();
  const server = mockApi()
    .get('/api/v1/me', () => admin())
    .get('/api/v1/webhook-subscriptions', () => ({ items: [current] }))
    .get(`/api/v1/webhook-subscriptions/${WEBHOOK_ID}/deliveries`, () => ({ items: [delivery()] }))
    .get(`/api/v1/webhook-subscriptions/${WEBHOOK_ID}`, () => current);
  const set = (next: typeof current) => {
    current = next;
  };
  return { server, set, ...renderApp(path) };
}

describe('webhooks', () => {
  it('are listed for administrators, from the administration home', async () => {
    const { user } = setup('/admin');
    await user.click(await screen.findByRole('link', { name: 'Webhooks' }, LOADED));
    const table = await screen.findByRole('table', { name: 'Webhooks' });
    const row = within(table).getByRole('row', { name: /case-system/ });
    expect(row).toHaveTextContent('progress_entry.submitted');
    expect(row).toHaveTextContent('Active');
  });

  it('are added with their events, and the signing secret is shown once', async () => {
    const { server, user } = setup('/admin/webhooks/new');
    server.post('/api/v1/webhook-subscriptions', () => json({ subscription: webhook(), secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 201));
    await user.click(await screen.findByRole('button', { name: 'Add webhook' }, LOADED));
    expect(await screen.findByRole('link', { name: 'Address: enter the address to send events to' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Address'), 'https://case-system.police.example/hooks/scrutiny');
    await user.type(screen.getByLabelText('Events (optional)'), 'progress_entry.submitted\nprogress_entry.returned');
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByText('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBeInTheDocument();
    expect(screen.getByText(/It will not be shown again/)).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/v1/webhook-subscriptions')[0]!.body).toEqual({
      url: 'https://case-system.police.example/hooks/scrutiny',
      event_types: ['progress_entry.submitted', 'progress_entry.returned'],
      description: null,
      owner_email: null,
    });
  });

  it('show their deliveries, and send a failed one again', async () => {
    const { server, user } = setup(`/admin/webhooks/${WEBHOOK_ID}`);
    server.post('/api/v1/webhook-deliveries/:id/redelivery', () => delivery({ state: 'pending' }));
    const table = await screen.findByRole('table', { name: /Deliveries/ }, LOADED);
    const row = within(table).getByRole('row', { name: /progress_entry.submitted/ });
    expect(row).toHaveTextContent('Failed');
    expect(row).toHaveTextContent('12 attempts');
    expect(row).toHaveTextContent('Service Unavailable');
    await user.click(within(row).getByRole('button', { name: /^Send again the progress_entry.submitted event/ }));
    expect(await within(row).findByText('Sent again.')).toBeInTheDocument();
    expect(server.callsTo('POST', `/api/v1/webhook-deliveries/${delivery().id}/redelivery`)).toHaveLength(1);
  });

  it('are paused, given a new secret and changed, each with If-Match', async () => {
    const { server, set, user } = setup(`/admin/webhooks/${WEBHOOK_ID}`);
    server
      .on('PATCH', `/api/v1/webhook-subscriptions/${WEBHOOK_ID}`, (call) => {
        const next = webhook({ ...(call.body as object), version: 2 });
        set(next);
        return next;
      })
      .post(`/api/v1/webhook-subscriptions/${WEBHOOK_ID}/secret-rotation`, () => ({
        subscription: webhook({ version: 3 }),
        secret: 'whsec_new',
      }));
    await user.click(await screen.findByRole('button', { name: 'Pause the webhook' }, LOADED));
    expect(await screen.findByText('The webhook is paused')).toBeInTheDocument();
    const pause = server.callsTo('PATCH', `/api/v1/webhook-subscriptions/${WEBHOOK_ID}`)[0]!;
    expect(pause.body).toEqual({ status: 'disabled' });
    expect(pause.headers.get('If-Match')).toBe('"1"');

    await user.click(screen.getByRole('button', { name: 'Make a new signing secret' }));
    expect(await screen.findByText('whsec_new')).toBeInTheDocument();
    expect(server.callsTo('POST', `/api/v1/webhook-subscriptions/${WEBHOOK_ID}/secret-rotation`)[0]!.headers.get('If-Match')).toBe('"2"');
  });

  it('are removed after asking, with If-Match', async () => {
    const { server, user } = setup(`/admin/webhooks/${WEBHOOK_ID}`);
    server.on('DELETE', `/api/v1/webhook-subscriptions/${WEBHOOK_ID}`, () => new Response(null, { status: 204 }));
    await user.click(await screen.findByRole('link', { name: 'Remove this webhook' }, LOADED));
    await user.click(await screen.findByRole('button', { name: 'Remove webhook' }));
    await screen.findByRole('heading', { level: 1, name: 'Webhooks' });
    await waitFor(() => expect(server.callsTo('DELETE', `/api/v1/webhook-subscriptions/${WEBHOOK_ID}`)).toHaveLength(1));
    expect(server.callsTo('DELETE', `/api/v1/webhook-subscriptions/${WEBHOOK_ID}`)[0]!.headers.get('If-Match')).toBe('"1"');
  });

  it('say when a delivery cannot be sent again (409)', async () => {
    const { server, user } = setup(`/admin/webhooks/${WEBHOOK_ID}`);
    server.post('/api/v1/webhook-deliveries/:id/redelivery', () => problem(409, 'Conflict', { detail: 'The subscription is disabled.' }));
    const table = await screen.findByRole('table', { name: /Deliveries/ }, LOADED);
    await user.click(within(table).getByRole('button', { name: /^Send again/ }));
    expect(await within(table).findByText('The subscription is disabled.')).toBeInTheDocument();
  });
});
