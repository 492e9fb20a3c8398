import { formatDate, formatLocalDateTime, formatMinutes } from './format';

describe('dates', () => {
  it('writes days and months the GOV.UK way', () => {
    expect(formatDate('2022-01-20')).toBe('20 January 2022');
    expect(formatDate('2022-03')).toBe('March 2022');
    expect(formatDate('')).toBe('');
    expect(formatDate('sometime')).toBe('sometime');
  });

  it('writes a local wall-clock time without moving it to the browser time zone', () => {
    expect(formatLocalDateTime('2022-01-28T23:59')).toBe('28 January 2022, 23:59');
    expect(formatLocalDateTime('2022-06-30T17:00:00')).toBe('30 June 2022, 17:00');
  });

  it('writes differences in the largest whole unit', () => {
    expect(formatMinutes(1440)).toBe('1 day');
    expect(formatMinutes(-120)).toBe('2 hours');
    expect(formatMinutes(61)).toBe('61 minutes');
  });
});
