// Dates that may be given to the month ("March 2023") or to the day, or not at all. The form keeps
// what was typed; the API gets ISO "2023-03" or "2023-03-14" and never a day nobody gave.

export type Precision = 'month' | 'day' | 'none';

export type PartialDateValue = { precision: Precision; day: string; month: string; year: string };

export const NO_DATE: PartialDateValue = { precision: 'none', day: '', month: '', year: '' };

/** "2023-03" or "2023-03-14" (with its precision) → the form's value. */
export function partialDateOf(iso: string | null | undefined, precision?: string | null): PartialDateValue {
  const day = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (day && precision !== 'month') {
    return { precision: 'day', day: String(Number(day[3])), month: String(Number(day[2])), year: day[1]! };
  }
  const month = iso ? /^(\d{4})-(\d{2})/.exec(iso) : null;
  if (month) return { precision: 'month', day: '', month: String(Number(month[2])), year: month[1]! };
  return NO_DATE;
}

export type PartialDateResult = { ok: true; iso: string | null } | { ok: false; problem: string };

/** The ISO form of the value, or what is wrong with it (in words for the error message). */
export function isoOf(value: PartialDateValue): PartialDateResult {
  if (value.precision === 'none') return { ok: true, iso: null };
  const month = value.month.trim();
  const year = value.year.trim();
  const numeric = (s: string) => /^\d+$/.test(s);
  if (value.precision === 'month') {
    if (!month && !year) return { ok: false, problem: 'enter the month and year, or choose No date' };
    if (!numeric(month) || !numeric(year) || Number(month) < 1 || Number(month) > 12 || year.length !== 4) {
      return { ok: false, problem: 'must be a real month, for example 3 2023' };
    }
    return { ok: true, iso: `${year}-${month.padStart(2, '0')}` };
  }
  const day = value.day.trim();
  if (!day && !month && !year) return { ok: false, problem: 'enter the day, month and year, or choose No date' };
  if (![day, month, year].every(numeric) || year.length !== 4) {
    return { ok: false, problem: 'must be a real date, for example 14 10 2023' };
  }
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const last = m >= 1 && m <= 12 ? new Date(Date.UTC(y, m, 0)).getUTCDate() : 0;
  if (d < 1 || d > last) return { ok: false, problem: 'must be a real date, for example 14 10 2023' };
  return { ok: true, iso: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
}
