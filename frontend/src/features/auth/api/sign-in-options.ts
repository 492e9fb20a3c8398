// Signing in with a council's identity provider (OpenID Connect): the options the sign-in page
// offers, and the address each one's button goes to. Following it is a browser navigation, not a
// fetch: the server sends the browser on to the provider, which sends it back to the server, which
// sends it to `/signin/sso` with a one-time code (see sign-in-with-code.ts).
import { useQuery } from '@tanstack/react-query';
import { authClient } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';

export const SIGN_IN_OPTIONS_KEY = ['auth', 'sign-in-options'] as const;

/** The identity providers people may sign in with; public, so asked without a token. */
export function useSignInOptions() {
  return useQuery({
    queryKey: SIGN_IN_OPTIONS_KEY,
    queryFn: ({ signal }) => unwrap(authClient.GET('/api/v1/auth/providers', { signal })),
    select: (page) => page.items,
    staleTime: 5 * 60_000,
    // The password form works without them: a failure shows nothing, and is not retried.
    retry: false,
  });
}

const START: keyof paths = '/api/v1/auth/oidc/{id}/start';
type StartQuery = NonNullable<paths['/api/v1/auth/oidc/{id}/start']['get']['parameters']['query']>;

/** Where a "Sign in with …" button goes: the server starts the sign-in and returns to `returnTo`. */
export function startSignInAddress(id: string, returnTo: string): string {
  const query = { return_to: returnTo } satisfies StartQuery;
  return `${START.replace('{id}', encodeURIComponent(id))}?${new URLSearchParams(query)}`;
}
