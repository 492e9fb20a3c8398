import { useEffect, useRef } from 'react';

type Props = {
  /** "this user", "these settings". */
  what: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  /** Disabled while the latest version loads. */
  ready: boolean;
};

/**
 * A 412: someone else saved the record after this page loaded. What the user typed stays in the
 * form until they choose to save it over the other change or to start again from it.
 */
export function ConflictBanner({ what, onKeepMine, onTakeTheirs, ready }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      className="govuk-notification-banner"
      role="alert"
      aria-labelledby="conflict-title"
      tabIndex={-1}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="conflict-title">
          Not saved
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          Someone else changed {what} after you opened it. Your changes have not been saved, and are still in the
          form below.
        </p>
        <p className="govuk-body">
          Check the details on this page, which now show their change, then choose what to do.
        </p>
        <div className="govuk-button-group">
          <button type="button" className="govuk-button" onClick={onKeepMine} disabled={!ready}>
            Save my changes over theirs
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onTakeTheirs} disabled={!ready}>
            Discard my changes
          </button>
        </div>
      </div>
    </div>
  );
}
