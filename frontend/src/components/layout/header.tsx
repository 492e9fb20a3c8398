import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { SERVICE_NAME } from '@/components/ui/page-title';
import { PhaseBanner } from './phase-banner';

type Props = {
  /** Navigation items (`<li>`s) for the signed-in user; none before signing in. */
  navigation?: ReactNode;
  /** Who is signed in, and the sign-out button. */
  account?: ReactNode;
};

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
            {navigation ? (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list">{navigation}</ul>
              </nav>
            ) : null}
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
