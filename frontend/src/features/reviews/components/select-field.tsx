import type { ReactNode } from 'react';
import { ErrorMessage } from '@/components/ui/form';

export type SelectOption = { value: string; label: string };

type Props = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  labelClass?: string;
  options: readonly SelectOption[];
  /** The first option, for "none chosen" (value ''). */
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
};

/** The GOV.UK select, with its label, hint and error message tied to it. */
export function SelectField({ id, label, hint, error, labelClass, options, placeholder, value, onChange }: Props) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label${labelClass ? ` ${labelClass}` : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} error={error} />
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
