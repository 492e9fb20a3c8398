import { useEffect, useRef, type MouseEvent } from 'react';

export type ErrorItem = {
  /** The id of the field at fault, without '#'; absent for errors about the whole form. */
  field?: string;
  text: string;
};

type Props = {
  errors: readonly ErrorItem[];
  title?: string;
  /** Take focus when the errors appear or change (false for errors found while saving a draft as the user types). */
  focus?: boolean;
};

/** Moves focus to a field and brings its label into view, as GOV.UK Frontend's script does. */
function focusField(event: MouseEvent<HTMLAnchorElement>, field: string) {
  const input = document.getElementById(field);
  if (!input) return;
  event.preventDefault();
  const label = document.querySelector(`label[for="${CSS.escape(field)}"]`);
  (label ?? input).scrollIntoView?.();
  input.focus({ preventScroll: true });
}

/**
 * The GOV.UK error summary. It takes focus when it appears (or its errors change), so that a
 * screen reader announces it; each error links to its field.
 */
export function ErrorSummary({ errors, title = 'There is a problem', focus = true }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus && errors.length > 0) ref.current?.focus();
  }, [errors, focus]);
  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error, i) => (
              <li key={`${error.field ?? ''}-${i}`}>
                {error.field ? (
                  <a href={`#${error.field}`} onClick={(e) => focusField(e, error.field!)}>
                    {error.text}
                  </a>
                ) : (
                  error.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
