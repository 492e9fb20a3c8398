import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { useSession } from '../lib/use-session';

export const meQuery = () =>
  queryOptions({
    queryKey: ['me'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me', { signal })),
    staleTime: 5 * 60_000,
  });

/** Who is signed in; disabled when nobody is. */
export function useMe() {
  const session = useSession();
  return useQuery({ ...meQuery(), enabled: session !== null });
}
