import { useSignInOptions, startSignInAddress } from '../api/sign-in-options';

/**
 * A button for each council's identity provider (OpenID Connect): a plain link, since the server
 * sends the browser on to the provider. Nothing when there are none, or they cannot be loaded:
 * the password form works on its own.
 */
export function SignInOptions({ returnTo }: { returnTo: string }) {
  const options = useSignInOptions();
  if (!options.data || options.data.length === 0) return null;
  return (
    <section aria-labelledby="sign-in-options-title">
      <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
      <h2 className="govuk-heading-m" id="sign-in-options-title">
        Sign in with your council&apos;s account
      </h2>
      <p className="govuk-body">
        If your council has set it up, sign in with the account you use at work.
      </p>
      <ul className="govuk-list">
        {options.data.map((option) => (
          <li key={option.id} className="govuk-!-margin-bottom-4">
            <a
              href={startSignInAddress(option.id, returnTo)}
              role="button"
              draggable={false}
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
              data-module="govuk-button"
              aria-describedby={`sign-in-option-${option.id}`}
            >
              Sign in with {option.name}
            </a>
            <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-0" id={`sign-in-option-${option.id}`}>
              {option.council_name}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
