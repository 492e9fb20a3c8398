import type { ProposedContact } from '@/api/types';
import { createContactsParam, proposalCandidates, proposalWhere, sameChoice } from './contacts';

function proposal(name: string, extra: Partial<ProposedContact> = {}): ProposedContact {
  return {
    name,
    organisation_id: '00000000-0000-4000-8000-00000000b001',
    organisation_name: 'Cleveland Police',
    because: 'a police rank',
    rows: [2],
    candidates: [],
    accepted: false,
    ...extra,
  };
}

const PROPOSALS = [proposal('Insp Smith'), proposal('C/Supt Lang'), proposal('Steve Hume')];

describe('createContactsParam', () => {
  it('is `all` when every proposal is ticked, whatever the order', () => {
    expect(createContactsParam(PROPOSALS, ['Steve Hume', 'Insp Smith', 'C/Supt Lang'])).toBe('all');
  });

  it('is the ticked names one per line, in the proposals’ order', () => {
    expect(createContactsParam(PROPOSALS, ['Steve Hume', 'Insp Smith'])).toBe('Insp Smith\nSteve Hume');
  });

  it('is nothing when none is ticked or nothing is proposed, and ignores names not proposed', () => {
    expect(createContactsParam(PROPOSALS, [])).toBeUndefined();
    expect(createContactsParam(PROPOSALS, ['Someone Else'])).toBeUndefined();
    expect(createContactsParam([], ['Insp Smith'])).toBeUndefined();
  });

  it('asks for a name proposed at two organisations once', () => {
    const twice = [...PROPOSALS, proposal('Insp Smith', { organisation_name: 'Durham Police' })];
    expect(createContactsParam(twice, ['Insp Smith', 'C/Supt Lang'])).toBe('Insp Smith\nC/Supt Lang');
  });
});

describe('sameChoice', () => {
  it('compares the proposals ticked only', () => {
    expect(sameChoice(PROPOSALS, ['Insp Smith', 'Steve Hume'], ['Steve Hume', 'Insp Smith', 'Other'])).toBe(true);
    expect(sameChoice(PROPOSALS, ['Insp Smith'], ['Insp Smith', 'Steve Hume'])).toBe(false);
  });
});

describe('the hint of a proposal', () => {
  it('says where, why and on which rows', () => {
    expect(proposalWhere(proposal('Insp Smith', { rows: [2, 5] }))).toBe(
      'At Cleveland Police (a police rank); named on rows 2, 5',
    );
    expect(proposalWhere(proposal('Insp Smith', { rows: [7] }))).toBe('At Cleveland Police (a police rank); named on row 7');
  });

  it('names the contacts it may be', () => {
    expect(proposalCandidates(proposal('Insp Smith'))).toBeNull();
    expect(
      proposalCandidates(
        proposal('Insp Smith', {
          candidates: [
            { id: '1', name: 'Sgt John Smith', organisation_id: null },
            { id: '2', name: 'Jo Smith' },
          ],
        }),
      ),
    ).toBe('Perhaps the same person as: Sgt John Smith, Jo Smith');
  });
});
