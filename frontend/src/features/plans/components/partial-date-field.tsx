import type { ReactNode } from 'react';
import { Radios, type RadioOption } from '@/components/ui/form';
import type { PartialDateValue, Precision } from '../lib/partial-date';

type Props = {
  /** The first radio's id; the boxes are `${id}-mm`/`${id}-yyyy` (month) and `${id}-d`/`-m`/`-y` (day). */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: PartialDateValue;
  onChange: (value: PartialDateValue) => void;
  /** Offer "No date" (a blank date is valid for a milestone). */
  allowNone?: boolean;
};

function Box({
  id,
  label,
  value,
  width,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  width: string;
  error: boolean;
  onChange: (v: string) => void;
}) {
  return (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={id}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input ${width}${error ? ' govuk-input--error' : ''}`}
          id={id}
          name={id}
          type="text"
          inputMode="numeric"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
    </div>
  );
}

/**
 * A date given to the month ("March 2023") or to the day, or none: the precision first, then only
 * the boxes that precision needs, so that a month never gains an invented day.
 */
export function PartialDateField({ id, legend, hint, error, value, onChange, allowNone = true }: Props) {
  const set = (patch: Partial<PartialDateValue>) => onChange({ ...value, ...patch });
  const bad = Boolean(error);
  const options: RadioOption[] = [
    {
      value: 'month',
      label: 'Month',
      hint: 'For example, 3 2023 for March 2023',
      conditional: (
        <div className="govuk-date-input" id={`${id}-month-input`}>
          <Box id={`${id}-mm`} label="Month" value={value.month} width="govuk-input--width-2" error={bad} onChange={(month) => set({ month })} />
          <Box id={`${id}-yyyy`} label="Year" value={value.year} width="govuk-input--width-4" error={bad} onChange={(year) => set({ year })} />
        </div>
      ),
    },
    {
      value: 'day',
      label: 'Day',
      hint: 'For example, 14 10 2023',
      conditional: (
        <div className="govuk-date-input" id={`${id}-day-input`}>
          <Box id={`${id}-d`} label="Day" value={value.day} width="govuk-input--width-2" error={bad} onChange={(day) => set({ day })} />
          <Box id={`${id}-m`} label="Month" value={value.month} width="govuk-input--width-2" error={bad} onChange={(month) => set({ month })} />
          <Box id={`${id}-y`} label="Year" value={value.year} width="govuk-input--width-4" error={bad} onChange={(year) => set({ year })} />
        </div>
      ),
    },
  ];
  if (allowNone) options.push({ value: 'none', label: 'No date' });
  return (
    <Radios
      id={id}
      name={id}
      legend={legend}
      hint={hint}
      error={error}
      small
      options={options}
      value={value.precision}
      onChange={(precision) => set({ precision: precision as Precision })}
    />
  );
}
