import { useEffect, useRef, type ReactNode } from 'react';

type Props = {
  /** What someone else changed, and when: "this review after you opened this page". */
  changed: ReactNode;
  /** The id of the "Not saved" title that names the banner. */
  titleId?: string;
  /** The banner takes focus when shown, and again whenever this changes (a newer conflict). */
  focusKey?: unknown;
  /** What they changed and what the user can do about it. */
  children?: ReactNode;
};

/**
 * A 412: someone else saved the record after this page loaded. What the user typed stays in the
 * form; the banner says so and takes focus, so that a screen reader announces it.
 */
export function ConflictBanner({ changed, titleId = 'conflict-title', focusKey, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  return (
    <div ref={ref} className="govuk-notification-banner" role="alert" aria-labelledby={titleId} tabIndex={-1}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          Not saved
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          Someone else changed {changed}. Your changes have not been saved, and are still in the form below.
        </p>
        {children}
      </div>
    </div>
  );
}
