// GOV.UK form components: each field has a label, an optional hint and its error message, tied to
// the control with `aria-describedby`, so that a screen reader reads all three.
import type { ChangeEvent, ReactNode } from 'react';

type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Label as the page heading, or bold: GOV.UK's label sizes. */
  labelClass?: string;
};

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function ErrorMessage({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  );
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <div id={`${id}-hint`} className="govuk-hint">
      {hint}
    </div>
  );
}

/** A field's label, hint and error message, above its control. */
function LabelHintError({ id, label, hint, error, labelClass }: FieldProps) {
  return (
    <>
      <label className={`govuk-label${labelClass ? ` ${labelClass}` : ''}`} htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
    </>
  );
}

function group(error: unknown, extra = ''): string {
  return `govuk-form-group${error ? ' govuk-form-group--error' : ''}${extra ? ` ${extra}` : ''}`;
}

type TextInputProps = FieldProps & {
  value: string;
  onChange: (value: string) => void;
  width?: string;
  type?: 'text' | 'date' | 'password';
  autoComplete?: string;
  spellCheck?: boolean;
  /** Without the surrounding form group, for inputs inside a table row. */
  bare?: boolean;
};

export function TextInput({
  id,
  label,
  hint,
  error,
  labelClass,
  value,
  onChange,
  width,
  type = 'text',
  autoComplete,
  spellCheck,
  bare = false,
}: TextInputProps) {
  const input = (
    <>
      <LabelHintError id={id} label={label} hint={hint} error={error} labelClass={labelClass} />
      <input
        className={`govuk-input${width ? ` ${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      />
    </>
  );
  if (bare) return <div className={error ? 'govuk-form-group--error app-bare-field' : 'app-bare-field'}>{input}</div>;
  return <div className={group(error)}>{input}</div>;
}

type TextareaProps = FieldProps & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
};

export function Textarea({ id, label, hint, error, labelClass, value, onChange, rows = 5 }: TextareaProps) {
  return (
    <div className={group(error)}>
      <LabelHintError id={id} label={label} hint={hint} error={error} labelClass={labelClass} />
      <textarea
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export type SelectOption = { value: string; label: string };

type SelectProps = FieldProps & {
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  /** The first, empty option (value ''), e.g. "Choose an organisation"; absent: none. */
  placeholder?: string;
  /** Extra classes on the select, e.g. `govuk-!-width-full`. */
  width?: string;
};

export function Select({ id, label, hint, error, labelClass, value, onChange, options, placeholder, width }: SelectProps) {
  return (
    <div className={group(error)}>
      <LabelHintError id={id} label={label} hint={hint} error={error} labelClass={labelClass} />
      <select
        className={`govuk-select${width ? ` ${width}` : ''}${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
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

export type RadioOption<T extends string = string> = {
  value: T;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the option while it is chosen (GOV.UK's conditional reveal). */
  conditional?: ReactNode;
};

type RadiosProps<T extends string> = {
  /** The first radio's id: error summary links land on it. */
  id: string;
  name: string;
  legend: ReactNode;
  legendClass?: string;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly RadioOption<T>[];
  /** The chosen option's value, or '' for none. */
  value: T | '';
  onChange: (value: T) => void;
  small?: boolean;
  inline?: boolean;
};

export function Radios<T extends string>({
  id,
  name,
  legend,
  legendClass = 'govuk-fieldset__legend--s',
  hint,
  error,
  options,
  value,
  onChange,
  small = false,
  inline = false,
}: RadiosProps<T>) {
  return (
    <div className={group(error)}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div
          className={`govuk-radios${small ? ' govuk-radios--small' : ''}${inline ? ' govuk-radios--inline' : ''}`}
        >
          {options.map((option, i) => {
            const optionId = i === 0 ? id : `${id}-${i + 1}`;
            const checked = value === option.value;
            return (
              <div key={option.value}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={optionId}
                    name={name}
                    type="radio"
                    value={option.value}
                    checked={checked}
                    aria-describedby={option.hint ? `${optionId}-item-hint` : undefined}
                    onChange={() => onChange(option.value)}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                    {option.label}
                  </label>
                  {option.hint ? (
                    <div id={`${optionId}-item-hint`} className="govuk-hint govuk-radios__hint">
                      {option.hint}
                    </div>
                  ) : null}
                </div>
                {option.conditional && checked ? (
                  <div className="govuk-radios__conditional" id={`${optionId}-conditional`}>
                    {option.conditional}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export type CheckboxOption = { value: string; label: ReactNode; hint?: ReactNode };

type CheckboxesProps = {
  id: string;
  name: string;
  legend: ReactNode;
  legendClass?: string;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly CheckboxOption[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  small?: boolean;
};

export function Checkboxes({
  id,
  name,
  legend,
  legendClass = 'govuk-fieldset__legend--s',
  hint,
  error,
  options,
  values,
  onChange,
  small = false,
}: CheckboxesProps) {
  return (
    <div className={group(error)}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`}>
          {options.map((option, i) => {
            const optionId = i === 0 ? id : `${id}-${i + 1}`;
            const checked = values.includes(option.value);
            return (
              <div className="govuk-checkboxes__item" key={option.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={optionId}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  checked={checked}
                  aria-describedby={option.hint ? `${optionId}-item-hint` : undefined}
                  onChange={() =>
                    onChange(checked ? values.filter((v) => v !== option.value) : [...values, option.value])
                  }
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={optionId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={`${optionId}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A day, month and year as typed into a GOV.UK date input. */
export type DateParts = { day: string; month: string; year: string };

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** "2023-05-05" → { day: '5', month: '5', year: '2023' }; anything else → empty. */
export function dateParts(iso: string | null | undefined): DateParts {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return EMPTY_DATE;
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! };
}

/**
 * The ISO date the parts make: null when all are blank, 'invalid' when they do not make a real
 * day (the caller says so next to the field).
 */
export function isoDate(parts: DateParts): string | null | 'invalid' {
  const { day, month, year } = parts;
  if (!day.trim() && !month.trim() && !year.trim()) return null;
  if (![day, month, year].every((p) => /^\d+$/.test(p.trim()))) return 'invalid';
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return 'invalid';
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return 'invalid';
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

type DateInputProps = {
  /** The id prefix: the day field is `${id}-day`, where error links land. */
  id: string;
  legend: ReactNode;
  legendClass?: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
};

export function DateInput({
  id,
  legend,
  legendClass = 'govuk-fieldset__legend--s',
  hint,
  error,
  value,
  onChange,
}: DateInputProps) {
  const part = (key: keyof DateParts, label: string, width: string) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${key}`}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input ${width}${error ? ' govuk-input--error' : ''}`}
          id={`${id}-${key}`}
          name={`${id}-${key}`}
          type="text"
          inputMode="numeric"
          value={value[key]}
          onChange={(e) => onChange({ ...value, [key]: e.target.value })}
        />
      </div>
    </div>
  );
  return (
    <div className={group(error)}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div className="govuk-date-input" id={id}>
          {part('day', 'Day', 'govuk-input--width-2')}
          {part('month', 'Month', 'govuk-input--width-2')}
          {part('year', 'Year', 'govuk-input--width-4')}
        </div>
      </fieldset>
    </div>
  );
}
