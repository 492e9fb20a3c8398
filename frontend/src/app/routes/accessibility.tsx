import { Link } from '@/components/ui/link';
import { PageTitle, SERVICE_NAME } from '@/components/ui/page-title';

/** When this statement was prepared and the service last tested (update both with each review). */
const PREPARED = '5 December 2026';
const TESTED = '5 December 2026';

/**
 * The accessibility statement, in the form of GOV.UK's model statement for public sector websites.
 * Anyone can read it, signed in or not.
 */
export default function AccessibilityRoute() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageTitle title="Accessibility statement" />
        <h1 className="govuk-heading-xl">Accessibility statement for the {SERVICE_NAME}</h1>
        <p className="govuk-body">
          This accessibility statement applies to the {SERVICE_NAME}: the service councils, their select committees and
          their partner organisations use to follow scrutiny reviews&apos; recommendations, Cabinet&apos;s decisions, action
          plans and progress updates. It is run by the council that gave you your account.
        </p>
        <p className="govuk-body">
          We want as many people as possible to be able to use this service. For example, that means you should be able
          to:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>change colours, contrast levels and fonts using browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>use every page on a screen 320 pixels wide</li>
          <li>navigate the service using just a keyboard</li>
          <li>navigate the service using speech recognition software</li>
          <li>listen to the service using a screen reader</li>
        </ul>
        <p className="govuk-body">
          We have also made the text as simple as we can. It uses the words of the council&apos;s own papers where people
          need to recognise them.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="https://mcmw.abilitynet.org.uk/" rel="noreferrer">
            AbilityNet
          </a>{' '}
          has advice on making your device easier to use if you have a disability.
        </p>

        <h2 className="govuk-heading-l">How accessible this service is</h2>
        <p className="govuk-body">We know some parts of this service are not fully accessible:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>
            it has not yet been tested by disabled people, or with a screen reader in use: its structure has been checked
            for what screen readers rely on (see below), but that is not the same
          </li>
          <li>
            committee papers downloaded as PDF have not been checked for screen readers: each paper is also available as
            HTML and Word
          </li>
          <li>files that partners attach to their progress updates are not checked, and may not be accessible</li>
          <li>
            the &quot;from&quot; and &quot;to&quot; date filters of some lists use your browser&apos;s own date field, which
            works differently in different browsers and assistive technologies
          </li>
          <li>some wide tables scroll sideways on small screens rather than reflowing</li>
        </ul>

        <h2 className="govuk-heading-l">Feedback and contact information</h2>
        <p className="govuk-body">
          If you need information in this service in a different format, such as accessible PDF, large print, easy read,
          audio recording or braille, contact the scrutiny team of the council that gave you your account. Its details are
          in the email that invited you, and on the council&apos;s website. We&apos;ll consider your request and get back to
          you within 10 working days.
        </p>

        <h2 className="govuk-heading-l">Reporting accessibility problems with this service</h2>
        <p className="govuk-body">
          We&apos;re always looking to improve the accessibility of this service. If you find any problems not listed on this
          page or think we&apos;re not meeting accessibility requirements, contact the council&apos;s scrutiny team. Tell us
          the page&apos;s address and what happened; if an error message gave a reference, quote it.
        </p>

        <h2 className="govuk-heading-l">Enforcement procedure</h2>
        <p className="govuk-body">
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites
          and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the &quot;accessibility regulations&quot;). If
          you&apos;re not happy with how we respond to your complaint, contact the{' '}
          <a className="govuk-link" href="https://www.equalityadvisoryservice.com/" rel="noreferrer">
            Equality Advisory and Support Service (EASS)
          </a>
          .
        </p>

        <h2 className="govuk-heading-l">Technical information about this service&apos;s accessibility</h2>
        <p className="govuk-body">
          The council that runs this service is committed to making it accessible, in accordance with the Public Sector
          Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.
        </p>
        <h3 className="govuk-heading-m">Compliance status</h3>
        <p className="govuk-body">
          This service is partially compliant with the{' '}
          <a className="govuk-link" href="https://www.w3.org/TR/WCAG22/" rel="noreferrer">
            Web Content Accessibility Guidelines version 2.2
          </a>{' '}
          AA standard, due to the non-compliances and the gaps in testing listed below.
        </p>

        <h2 className="govuk-heading-l">Non-accessible content</h2>
        <p className="govuk-body">The content listed below is non-accessible for the following reasons.</p>
        <h3 className="govuk-heading-m">Non-compliance with the accessibility regulations</h3>
        <p className="govuk-body">
          Committee papers downloaded as PDF may not be tagged for screen readers, so their headings and tables may not be
          announced (WCAG 2.2 success criterion 1.3.1, info and relationships). Use the HTML or Word version of the same
          paper: both are offered beside the PDF.
        </p>
        <p className="govuk-body">
          Until the service has been tested with screen readers in use, we cannot say that what they announce is complete
          and in the right order (WCAG 2.2 success criteria 1.3.1, 2.4.6 and 4.1.3).
        </p>
        <h3 className="govuk-heading-m">Content that&apos;s not within the scope of the accessibility regulations</h3>
        <p className="govuk-body">
          Files uploaded by partner organisations as evidence of their progress are theirs: we do not check or change
          them.
        </p>

        <h2 className="govuk-heading-l">What we&apos;re doing to improve accessibility</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>every screen is checked automatically with axe each time the service changes, and must show no problems</li>
          <li>we will test the main journeys with screen reader users (JAWS, NVDA and VoiceOver)</li>
          <li>we will check the PDF papers, and tag them for screen readers</li>
        </ul>

        <h2 className="govuk-heading-l">Preparation of this accessibility statement</h2>
        <p className="govuk-body">
          This statement was prepared on {PREPARED}. It was last reviewed on {PREPARED}.
        </p>
        <p className="govuk-body">
          This service was last tested on {TESTED} by the team that builds it, not by an independent auditor. Every page of
          its main journeys was loaded in Chromium and checked with axe-core, with no problems allowed; the review page was
          checked at 320 pixels wide; one progress update was written and submitted using only the keyboard. We also
          reviewed what the pages expose to assistive technology (landmarks, headings, labels, and the messages announced
          while an update saves and a file uploads). That review read the code and the browser&apos;s accessibility tree;
          it was not a session with a screen reader.
        </p>
        <p className="govuk-body">
          <Link to="/">Go to the service</Link>
        </p>
      </div>
    </div>
  );
}
