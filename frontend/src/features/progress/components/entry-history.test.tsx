import { screen, within } from '@testing-library/react';
import type { AuditEvent } from '@/api/types';
import { ENTRY_ID, me, progressEntry, submittedEntry } from '@/testing/fixtures';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';
import { groupHistory } from './entry-history';

function event(id: string, action: string, actor: string, at: string, before: unknown, after: unknown): AuditEvent {
  return {
    id,
    occurred_at: at,
    actor: { kind: 'user', name: actor },
    action,
    entity_type: 'progress_entry',
    entity_id: ENTRY_ID,
    before: before as AuditEvent['before'],
    after: after as AuditEvent['after'],
  };
}

const draft = progressEntry();
const typed = progressEntry({ progress: 'Monthly contact.' });
const graded = submittedEntry({ state: 'draft', state_label: 'Draft' });
const submitted = submittedEntry();
const returned = { ...submitted, state: 'returned', step: { comments: 'Add the Southside figures.' } };

// Newest first, as the API answers.
const EVENTS = [
  event('e5', 'progress_entry.returned', 'Marc Stephenson', '2023-05-04T10:00:00Z', submitted, returned),
  event('e4', 'progress_entry.submitted', 'Pat Contributor', '2023-05-02T09:05:00Z', graded, submitted),
  event('e3', 'progress_entry.updated', 'Pat Contributor', '2023-05-02T09:04:00Z', typed, graded),
  event('e2', 'progress_entry.updated', 'Pat Contributor', '2023-05-02T09:00:00Z', draft, typed),
  event('e1', 'progress_entry.created', 'Marc Stephenson', '2023-04-01T09:00:00Z', null, { state: 'draft' }),
];

describe("an entry's history", () => {
  it('reads consecutive saves by one person as one change', () => {
    const items = groupHistory(EVENTS);
    expect(items.map((i) => [i.first.action, i.count])).toEqual([
      ['progress_entry.returned', 1],
      ['progress_entry.submitted', 1],
      ['progress_entry.updated', 2],
      ['progress_entry.created', 1],
    ]);
  });

  it('shows each step with who, when and what changed', async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () => me())
      .get(`/api/v1/progress-entries/${ENTRY_ID}`, () => json(submitted))
      .get(`/api/v1/progress-entries/${ENTRY_ID}/history`, () => ({ items: EVENTS }));
    renderApp(`/progress-entries/${ENTRY_ID}/history`);
    const list = await screen.findByRole('list', { name: 'Changes, newest first' });
    const items = within(list).getAllByRole('listitem').filter((li) => li.parentElement === list);
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual([
      'Returned with comments',
      'Submitted to the council',
      'Draft changed',
      'Asked for in the round',
    ]);
    expect(items[0]).toHaveTextContent('Add the Southside figures.');
    expect(items[1]).toHaveTextContent('Proposed grade3 (Slipped)');
    expect(items[2]).toHaveTextContent('(2 saves)');
    expect(items[2]).toHaveTextContent('Evidence of progress changed');
    expect(items[2]).toHaveTextContent('Proposed grade: 3 (Slipped)');
    expect(items[2]).toHaveTextContent('Key figures: VCOP compliance: 95.2 %');
  });
});
