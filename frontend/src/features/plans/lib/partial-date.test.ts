import { isoOf, partialDateOf } from './partial-date';

describe('partial dates', () => {
  it('keeps a month as a month and a day as a day', () => {
    expect(isoOf({ precision: 'month', day: '', month: '3', year: '2023' })).toEqual({ ok: true, iso: '2023-03' });
    expect(isoOf({ precision: 'day', day: '14', month: '10', year: '2022' })).toEqual({ ok: true, iso: '2022-10-14' });
    expect(isoOf({ precision: 'none', day: '1', month: '1', year: '2022' })).toEqual({ ok: true, iso: null });
  });

  it('refuses dates that do not exist', () => {
    expect(isoOf({ precision: 'day', day: '30', month: '2', year: '2023' }).ok).toBe(false);
    expect(isoOf({ precision: 'month', day: '', month: '13', year: '2023' }).ok).toBe(false);
    expect(isoOf({ precision: 'month', day: '', month: '', year: '' }).ok).toBe(false);
  });

  it('reads the API forms back', () => {
    expect(partialDateOf('2022-05', 'month')).toEqual({ precision: 'month', day: '', month: '5', year: '2022' });
    expect(partialDateOf('2022-05-01', 'month')).toEqual({ precision: 'month', day: '', month: '5', year: '2022' });
    expect(partialDateOf('2022-10-14', 'day')).toEqual({ precision: 'day', day: '14', month: '10', year: '2022' });
    expect(partialDateOf(null, null).precision).toBe('none');
  });
});
