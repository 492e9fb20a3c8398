import { useEffect, useRef, type ReactNode } from 'react';

type Props = {
  /** success: the outcome of something the user did (announced and focused); important: news. */
  kind?: 'success' | 'important';
  title?: string;
  heading: ReactNode;
  children?: ReactNode;
};

/** The GOV.UK notification banner. A success banner takes focus, as GOV.UK's script does. */
export function NotificationBanner({ kind = 'important', title, heading, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const success = kind === 'success';
  useEffect(() => {
    if (success) ref.current?.focus();
  }, [success]);
  const titleId = `banner-title-${kind}`;
  return (
    <div
      ref={ref}
      tabIndex={success ? -1 : undefined}
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby={titleId}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
