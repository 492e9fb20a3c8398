import { summariseParsed } from './parsed';

describe('summariseParsed', () => {
  it('gives a recommendation made only of its parts the parts joined, not a blank text', () => {
    const parsed = summariseParsed({
      title: 'ACTION PLAN',
      recommendations: [
        { number: '1', text: 'Review the strategy.', parts: [], actions: [{}], row: 3 },
        {
          number: '2',
          text: '',
          parts: [
            { label: 'a', text: 'That residents are told;' },
            { label: 'b', text: 'That partners share maps.' },
          ],
          actions: [],
          row: 5,
        },
      ],
    });
    expect(parsed.rows.map((r) => r.text)).toEqual([
      'Review the strategy.',
      'a) That residents are told; b) That partners share maps.',
    ]);
    expect(parsed.rows[1]!.parts).toEqual(['a', 'b']);
    expect(parsed.actions).toBe(1);
  });
});
