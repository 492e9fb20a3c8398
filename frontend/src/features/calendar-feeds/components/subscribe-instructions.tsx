// How to subscribe a calendar to a feed's address, in the calendars people use at work and at
// home. Subscribing (not importing) keeps the dates up to date: each calendar reads the address
// again every few hours.

/** Step by step, for Outlook, Google Calendar and Apple Calendar. */
export function SubscribeInstructions() {
  return (
    <details className="govuk-details govuk-!-margin-bottom-4">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">How to add it to Outlook, Google Calendar or Apple Calendar</span>
      </summary>
      <div className="govuk-details__text">
        <h3 className="govuk-heading-s">Outlook</h3>
        <ol className="govuk-list govuk-list--number">
          <li>
            In Outlook on the web, open Calendar, choose <strong>Add calendar</strong>, then <strong>Subscribe from web</strong>.
            (In Outlook for Windows: <strong>Add calendar</strong>, <strong>From internet</strong>.)
          </li>
          <li>Paste the address and give the calendar a name.</li>
          <li>
            Choose <strong>Import</strong> (or <strong>OK</strong>).
          </li>
        </ol>
        <h3 className="govuk-heading-s">Google Calendar</h3>
        <ol className="govuk-list govuk-list--number">
          <li>
            On a computer, open Google Calendar. Beside <strong>Other calendars</strong>, choose the plus sign, then{' '}
            <strong>From URL</strong>.
          </li>
          <li>
            Paste the address and choose <strong>Add calendar</strong>.
          </li>
        </ol>
        <h3 className="govuk-heading-s">Apple Calendar</h3>
        <ol className="govuk-list govuk-list--number">
          <li>
            On a Mac, open Calendar and choose <strong>File</strong>, then <strong>New Calendar Subscription</strong>. (On
            an iPhone or iPad: Settings, Calendar, Accounts, Add Account, Other, <strong>Add Subscribed Calendar</strong>.)
          </li>
          <li>
            Paste the address, choose <strong>Subscribe</strong>, then choose how often to refresh it.
          </li>
        </ol>
        <p className="govuk-body">
          Calendars read the address again every few hours (Google Calendar can take up to a day), so a change may take
          that long to appear.
        </p>
      </div>
    </details>
  );
}
