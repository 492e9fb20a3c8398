import { useEffect, useRef, type ReactNode } from 'react';

type Props = {
  /** What was changed: "review", "recommendation", "decision"… */
  what: string;
  /** Where the current version can be seen. */
  children?: ReactNode;
};

/**
 * A 412: someone else saved the record after this page loaded. What the user typed stays in the
 * form; saving again replaces their version with this one.
 */
export function ConflictBanner({ what, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
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
          Someone else changed this {what} after you opened this page. Your changes have not been saved, and are
          still in the form below.
        </p>
        <p className="govuk-body">
          Check what they changed{children ? <> ({children})</> : null}. Select the save button again to replace
          their version with yours.
        </p>
      </div>
    </div>
  );
}
