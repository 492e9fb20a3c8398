import { hasLeadIn, partsSummary, recommendationSummary } from './text';

const PARTS = [
  { label: 'b', text: 'That residents are told when the contact changes.', position: 2 },
  { label: 'a', text: 'That a single point of contact is named for each ward; and', position: 1 },
];

describe('recommendationSummary', () => {
  it('is the text when the recommendation has one', () => {
    expect(recommendationSummary({ text: 'Cleveland Police and SBC Ward Councillors:', parts: PARTS })).toBe(
      'Cleveland Police and SBC Ward Councillors:',
    );
    expect(recommendationSummary({ text: 'Review the strategy.', parts: [] })).toBe('Review the strategy.');
  });

  it('joins the parts in order when the recommendation is made only of them', () => {
    expect(recommendationSummary({ text: '', parts: PARTS })).toBe(
      'a) That a single point of contact is named for each ward; b) That residents are told when the contact changes.',
    );
  });

  it('treats a text of spaces as no text', () => {
    expect(recommendationSummary({ text: '  \n', parts: PARTS.slice(1) })).toBe(
      'a) That a single point of contact is named for each ward',
    );
  });

  it('is empty only when there is neither text nor a known part', () => {
    expect(recommendationSummary({ text: '', parts: [] })).toBe('');
    expect(recommendationSummary({ text: '' })).toBe('');
    expect(recommendationSummary({ text: '', parts: null })).toBe('');
  });
});

describe('partsSummary', () => {
  it('keeps the order given when the parts have no positions (the open data)', () => {
    expect(
      partsSummary([
        { label: 'a', text: 'That maps are shared,' },
        { label: 'b', text: 'That data is published' },
      ]),
    ).toBe('a) That maps are shared; b) That data is published');
  });

  it('puts each part on one line and drops the joining punctuation and "and"/"or" between parts', () => {
    expect(
      partsSummary([
        { label: 'i', text: 'That the protocol\nis agreed;', position: 1 },
        { label: 'ii', text: 'That it is reviewed yearly. Or', position: 2 },
        { label: 'iii', text: 'That it is  published;', position: 3 },
      ]),
    ).toBe('i) That the protocol is agreed; ii) That it is reviewed yearly; iii) That it is published;');
  });

  it('leaves words that merely end in "and" or "or" alone', () => {
    expect(
      partsSummary([
        { label: 'a', text: 'That the council works with the brand', position: 1 },
        { label: 'b', text: 'That it tells the mayor', position: 2 },
      ]),
    ).toBe('a) That the council works with the brand; b) That it tells the mayor');
  });
});

describe('hasLeadIn', () => {
  it('is false for a recommendation made only of its parts', () => {
    expect(hasLeadIn({ text: '' })).toBe(false);
    expect(hasLeadIn({ text: ' ' })).toBe(false);
    expect(hasLeadIn({ text: 'As part of the protocol:' })).toBe(true);
  });
});
