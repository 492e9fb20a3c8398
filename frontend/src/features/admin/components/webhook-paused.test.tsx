// A paused webhook says why, in the list and first on its page (a delivery that kept failing, or
// its owner's pause).
import { screen, within } from '@testing-library/react';
import { delivery, me, WEBHOOK_ID, webhook } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const REASON = 'Deliveries kept failing for 72 hours (last: 503 Service Unavailable).';

function setup(path: string) {
  signedIn();
  const paused = webhook({ status: 'disabled', disabled_reason: REASON, disabled_at: '2022-03-18T09:00:00Z' });
  mockApi()
    .get('/api/v1/me', () => me({ role: 'admin', name: 'Demo Admin', email: 'admin@stockton.example' }))
    .get('/api/v1/webhook-subscriptions', () => ({ items: [paused] }))
    .get(`/api/v1/webhook-subscriptions/${WEBHOOK_ID}/deliveries`, () => ({ items: [delivery({ state: 'failed' })] }))
    .get(`/api/v1/webhook-subscriptions/${WEBHOOK_ID}`, () => paused);
  return renderApp(path);
}

describe('a paused webhook', () => {
  it('shows why in the list', async () => {
    setup('/admin/webhooks');
    const table = await screen.findByRole('table', { name: 'Webhooks' }, LOADED);
    const row = within(table).getByRole('row', { name: /case-system/ });
    expect(within(row).getByText('Paused')).toBeInTheDocument();
    expect(within(row).getByText(REASON)).toBeInTheDocument();
  });

  it('says first on its page that nothing is being sent, and why', async () => {
    setup(`/admin/webhooks/${WEBHOOK_ID}`);
    const warning = await screen.findByText(/Nothing is being sent to this address\./, {}, LOADED);
    expect(warning).toHaveTextContent(REASON);
    expect(screen.getByRole('button', { name: 'Start the webhook again' })).toBeInTheDocument();
  });
});
