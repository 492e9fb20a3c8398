import { screen, within } from '@testing-library/react';
import { me } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

/** A screen narrower than GOV.UK's tablet breakpoint, or wider. */
function screenIs(wide: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: wide,
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

function setup() {
  signedIn();
  mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees', () => ({ items: [] }))
    .get('/api/v1/reviews', () => ({ items: [] }))
    .get('/api/v1/decisions', () => ({ items: [] }));
  return renderApp('/reviews');
}

describe('the service navigation', () => {
  it('folds behind a Menu button on a narrow screen, and folds again after choosing', async () => {
    screenIs(false);
    const { user } = setup();
    const nav = await screen.findByRole('navigation', { name: 'Menu' });
    const button = within(nav).getByRole('button', { name: 'Menu' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(within(nav).queryByRole('link', { name: 'Decisions' })).not.toBeInTheDocument();
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(nav).getByRole('link', { name: 'Decisions' }));
    await screen.findByRole('heading', { level: 1, name: 'Decisions' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows every item, and no button, on a wide screen', async () => {
    screenIs(true);
    setup();
    const nav = await screen.findByRole('navigation', { name: 'Menu' });
    expect(within(nav).queryByRole('button', { name: 'Menu' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Decisions' })).toBeVisible();
  });
});
