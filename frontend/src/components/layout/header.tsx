import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { SERVICE_NAME } from '@/components/ui/page-title';
import { PhaseBanner } from './phase-banner';

type Props = {
  /** Navigation items (`<li>`s) for the signed-in user; none before signing in. */
  navigation?: ReactNode;
  /** Who is signed in, and the sign-out button. */
  account?: ReactNode;
};

/** GOV.UK Frontend's tablet breakpoint: below it the navigation folds behind a "Menu" button. */
const WIDE = '(min-width: 40.0625em)';

function useWide(): boolean {
  const [wide, setWide] = useState(() => globalThis.matchMedia?.(WIDE).matches ?? true);
  useEffect(() => {
    const mql = globalThis.matchMedia?.(WIDE);
    if (!mql) return undefined;
    const change = () => setWide(mql.matches);
    change();
    mql.addEventListener('change', change);
    return () => mql.removeEventListener('change', change);
  }, []);
  return wide;
}

/**
 * The service navigation as GOV.UK Frontend's script makes it: on a narrow screen its items fold
 * behind a "Menu" button (`aria-expanded`), so that the page's content is not pushed a screen
 * down; they fold again after each navigation.
 */
function ServiceNavigation({ children }: { children: ReactNode }) {
  const wide = useWide();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const [seen, setSeen] = useState(pathname);
  if (seen !== pathname) {
    setSeen(pathname);
    setOpen(false);
  }
  return (
    <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
      <button
        type="button"
        className="govuk-service-navigation__toggle"
        aria-controls="navigation"
        hidden={wide}
        aria-hidden={wide || undefined}
        aria-expanded={wide ? undefined : open}
        onClick={() => setOpen(!open)}
      >
        Menu
      </button>
      <ul className="govuk-service-navigation__list" id="navigation" hidden={!wide && !open}>
        {children}
      </ul>
    </nav>
  );
}

/**
 * The header: the service name (GOV.UK Frontend's generic header, for services that are not on
 * GOV.UK: no crown, no GDS Transport) and the service navigation.
 */
export function Header({ navigation, account }: Props) {
  return (
    <header className="govuk-template__header">
      <div className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <Link to="/" className="govuk-generic-header__homepage-link">
              {SERVICE_NAME}
            </Link>
          </div>
        </div>
      </div>
      {navigation || account ? (
        <div className="govuk-service-navigation">
          <div className="govuk-width-container app-service-navigation">
            {navigation ? <ServiceNavigation>{navigation}</ServiceNavigation> : null}
            {account ? <div className="app-account">{account}</div> : null}
          </div>
        </div>
      ) : null}
      <div className="govuk-width-container">
        <PhaseBanner />
      </div>
    </header>
  );
}

/** One item of the service navigation. */
export function NavItem({ to, current, children }: { to: string; current: boolean; children: ReactNode }) {
  return (
    <li className={`govuk-service-navigation__item${current ? ' govuk-service-navigation__item--active' : ''}`}>
      <Link className="govuk-service-navigation__link" to={to} aria-current={current ? 'page' : undefined}>
        {current ? <strong className="govuk-service-navigation__active-fallback">{children}</strong> : children}
      </Link>
    </li>
  );
}
