import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { Footer } from './footer';
import { Header } from './header';
import { SkipLink } from './skip-link';

type Props = {
  children: ReactNode;
  navigation?: ReactNode;
  account?: ReactNode;
};

/**
 * The page: skip link, header, phase banner, main content and footer. After a client-side
 * navigation, focus moves to the main content, as a new page load would.
 */
export function Layout({ children, navigation, account }: Props) {
  const location = useLocation();
  const first = useRef(true);
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo?.(0, 0);
  }, [location.pathname]);

  return (
    <>
      <SkipLink />
      <Header navigation={navigation} account={account} />
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1} ref={mainRef}>
          {children}
        </main>
      </div>
      <Footer />
    </>
  );
}
