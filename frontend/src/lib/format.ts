// Dates as GOV.UK style writes them ("20 January 2022"). Dates and local times from the API are
// rendered from their digits, never through the browser's time zone, so that a council's
// wall-clock deadline reads the same everywhere.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function monthName(month: number): string | null {
  return MONTHS[month - 1] ?? null;
}

/** "2022-01-20" → "20 January 2022"; "2022-03" → "March 2022"; anything else as given. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (day) {
    const name = monthName(Number(day[2]));
    if (name) return `${Number(day[3])} ${name} ${day[1]}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(iso);
  if (month) {
    const name = monthName(Number(month[2]));
    if (name) return `${name} ${month[1]}`;
  }
  return iso;
}

/** A local wall-clock time "2022-01-28T23:59" → "28 January 2022, 23:59". */
export function formatLocalDateTime(local: string | null | undefined): string {
  if (!local) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return local;
  return `${formatDate(m[1])}, ${m[2]}:${m[3]}`;
}

/** An instant, shown in UK time: "3 February 2022, 14:05". */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/London',
  }).format(date);
}

/** "1 minute", "3 days" and so on, for a difference given in minutes. */
export function formatMinutes(minutes: number): string {
  const abs = Math.abs(minutes);
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (abs % 1440 === 0) return unit(abs / 1440, 'day');
  if (abs % 60 === 0) return unit(abs / 60, 'hour');
  return unit(abs, 'minute');
}
