import { Link } from 'react-router';

export function Footer() {
  return (
    <footer className="govuk-footer app-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/public">
                  Published reviews
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/accessibility">
                  Accessibility statement
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/api/docs/">
                  API documentation
                </a>
              </li>
            </ul>
            <span className="govuk-footer__licence-description">
              Scrutiny recommendation tracker, released under the MIT licence.
            </span>
          </div>
        </div>
      </div>
    </footer>
  );
}
