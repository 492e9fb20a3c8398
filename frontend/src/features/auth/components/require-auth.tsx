import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../lib/use-session';

/** Routes behind it need a session; without one the user is sent to sign in, and back after. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${query}`} replace />;
  }
  return <Outlet />;
}
