import { Link as RouterLink, type LinkProps } from 'react-router';

/** A router link with the GOV.UK link style. */
export function Link({ className, ...props }: LinkProps) {
  return <RouterLink className={className ? `govuk-link ${className}` : 'govuk-link'} {...props} />;
}
