import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A link that looks like a GOV.UK button, for starting a task ("Add a user"). */
export function ButtonLink({ to, children, secondary = false }: { to: string; children: ReactNode; secondary?: boolean }) {
  return (
    <Link
      to={to}
      role="button"
      draggable={false}
      className={`govuk-button${secondary ? ' govuk-button--secondary' : ''}`}
      data-module="govuk-button"
    >
      {children}
    </Link>
  );
}
