import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProvider } from '@/app/provider';
import { AppRoutes } from '@/app/router';
import { createQueryClient } from '@/lib/query-client';
import { startSession } from '@/lib/session';

export function signedIn(accessToken = 'access-1', refreshToken = 'rt_1', expiresIn = 900) {
  return startSession({
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: expiresIn,
    refresh_token: refreshToken,
  });
}

function testQueryClient() {
  const client = createQueryClient();
  client.setDefaultOptions({
    queries: { ...client.getDefaultOptions().queries, retry: false, staleTime: 0 },
  });
  return client;
}

/** The whole app at `path`, with a fresh query cache. */
export function renderApp(path: string) {
  const user = userEvent.setup();
  const result = render(
    <AppProvider queryClient={testQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </AppProvider>,
  );
  return { user, ...result };
}

/** One component, with the providers it may need. */
export function renderWithProviders(ui: ReactElement, path = '/') {
  const user = userEvent.setup();
  const result = render(
    <AppProvider queryClient={testQueryClient()}>
      <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
    </AppProvider>,
  );
  return { user, ...result };
}
