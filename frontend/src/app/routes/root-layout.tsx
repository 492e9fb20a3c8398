import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { NavItem } from '@/components/layout/header';
import { Layout } from '@/components/layout/layout';
import { Account } from '@/features/auth/components/account';
import { useSession } from '@/features/auth/lib/use-session';

/** The layout, with navigation and the account once someone has signed in. */
export function RootLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname } = useLocation();
  const navigation = session ? (
    <>
      <NavItem to="/" current={pathname === '/'}>
        Home
      </NavItem>
      <NavItem to="/reviews" current={pathname.startsWith('/reviews')}>
        Reviews
      </NavItem>
    </>
  ) : undefined;
  return (
    <Layout navigation={navigation} account={session ? <Account /> : undefined}>
      {children}
    </Layout>
  );
}
