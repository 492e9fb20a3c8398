import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { NavItem } from '@/components/layout/header';
import { Layout } from '@/components/layout/layout';
import { useMe } from '@/features/auth/api/get-me';
import { Account } from '@/features/auth/components/account';
import { isContributor, isCouncilStaff } from '@/features/auth/lib/roles';
import { useSession } from '@/features/auth/lib/use-session';

/** The layout, with navigation and the account once someone has signed in. */
export function RootLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname } = useLocation();
  const me = useMe();
  const staff = me.data ? isCouncilStaff(me.data) : false;
  const partner = me.data ? isContributor(me.data) : false;
  const navigation = session ? (
    <>
      <NavItem to="/" current={pathname === '/'}>
        Home
      </NavItem>
      <NavItem to="/reviews" current={pathname.startsWith('/reviews')}>
        Reviews
      </NavItem>
      <NavItem to="/recommendations" current={pathname.startsWith('/recommendations')}>
        Recommendations
      </NavItem>
      <NavItem to="/decisions" current={pathname.startsWith('/decisions')}>
        Decisions
      </NavItem>
      <NavItem to="/actions" current={pathname.startsWith('/actions')}>
        Actions
      </NavItem>
      <NavItem to="/progress-rounds" current={pathname.startsWith('/progress-rounds')}>
        Rounds
      </NavItem>
      <NavItem to="/progress-entries" current={pathname.startsWith('/progress-entries')}>
        Progress updates
      </NavItem>
      {staff ? (
        <NavItem to="/assessments" current={pathname.startsWith('/assessments')}>
          To assess
        </NavItem>
      ) : null}
      {partner ? (
        <NavItem to="/inbox" current={pathname.startsWith('/inbox')}>
          Updates owed
        </NavItem>
      ) : null}
      {staff || partner ? (
        <NavItem to="/statutory-responses" current={pathname.startsWith('/statutory-responses')}>
          Responses
        </NavItem>
      ) : null}
      {staff || partner ? (
        <NavItem to="/milestones" current={pathname.startsWith('/milestones')}>
          Milestones
        </NavItem>
      ) : null}
      {me.data?.role === 'admin' || me.data?.role === 'officer' ? (
        // Officers keep contacts, committees and their council's settings; administrators also
        // users, service accounts and the audit trail.
        <NavItem to="/admin" current={pathname.startsWith('/admin')}>
          {me.data.role === 'admin' ? 'Admin' : 'Settings'}
        </NavItem>
      ) : null}
    </>
  ) : undefined;
  return (
    <Layout navigation={navigation} account={session ? <Account /> : undefined}>
      {children}
    </Layout>
  );
}
