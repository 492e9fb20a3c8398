import { screen, within } from '@testing-library/react';
import type { AuditEvent } from '@/api/types';
import { committee, decision, me, REVIEW_ID, reviewDetail } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';
import { callInTimeline } from './call-in-timeline';

const DECISION = decision();
const snapshot = (state: string, note?: string) =>
  ({ ...DECISION, call_in: { ...DECISION.call_in, state, note } }) as unknown as Record<string, never>;

function event(id: string, at: string, action: string, extra: Partial<AuditEvent>): AuditEvent {
  return {
    id,
    occurred_at: at,
    actor: { kind: 'user', name: 'Marc Stephenson' },
    action,
    entity_type: 'decision',
    entity_id: DECISION.id,
    ...extra,
  };
}

// Newest first, as the API gives them.
const HISTORY: AuditEvent[] = [
  event('e4', '2022-02-10T10:00:00Z', 'decision.call_in_changed', {
    before: snapshot('referred_to_council'),
    after: snapshot('upheld', 'Full council did not object.'),
  }),
  event('e3', '2022-02-01T10:00:00Z', 'decision.call_in_changed', {
    before: snapshot('called_in'),
    after: snapshot('referred_to_council', 'Outside the budget framework.'),
  }),
  event('e2', '2022-01-26T10:00:00Z', 'decision.call_in_changed', {
    before: snapshot('open'),
    after: snapshot('called_in', 'Called in by five members.'),
  }),
  event('e1', '2022-01-21T09:00:00Z', 'decision.created', { after: snapshot('open') }),
];

describe('the call-in timeline', () => {
  it('orders the recording, the moves and the deadline, oldest first', () => {
    const entries = callInTimeline(DECISION, HISTORY, new Date('2023-01-01T00:00:00Z').getTime());
    expect(entries.map((e) => e.title)).toEqual([
      'Decided by Cabinet',
      'Recorded in the service',
      'Published: the call-in period started',
      'From open for call-in to called in',
      'Call-in period ended',
      'From called in to referred to full council',
      'From referred to full council to upheld after call-in',
    ]);
    expect(entries[0]!.meta).toBe('20 January 2022');
    expect(entries[1]!.meta).toBe('21 January 2022 at 09:00, by Marc Stephenson');
    expect(entries[4]!.meta).toBe('28 January 2022, 23:59 (UK time)');
    expect(entries[6]!.note).toBe('Full council did not object.');
  });

  it('keeps the order of events of one instant, as the history gives them newest first', () => {
    const created = event('c', '2026-12-05T10:45:00Z', 'decision.created', { after: snapshot('open') });
    const moved = event('m', '2026-12-05T10:45:00Z', 'decision.call_in_changed', {
      before: snapshot('open'),
      after: snapshot('expired'),
    });
    const titles = callInTimeline(DECISION, [moved, created]).map((e) => e.title);
    expect(titles.slice(-2)).toEqual(['Recorded in the service', 'From open for call-in to call-in period over']);
  });

  it('names the system when it made the move', () => {
    const expired = event('e5', '2022-01-29T00:05:00Z', 'decision.call_in_changed', {
      actor: { kind: 'system', name: 'system' },
      before: snapshot('open'),
      after: snapshot('expired', 'The call-in period ended at 28 January 2022 23:59 without a call-in.'),
    });
    const entries = callInTimeline({ ...DECISION, call_in: { ...DECISION.call_in, computed_deadline: null } }, [expired]);
    const entry = entries.at(-1);
    expect(entry!.title).toBe('From open for call-in to call-in period over');
    expect(entry!.meta).toMatch(/, by the system$/);
  });

  it("is shown with the decision on the review's page", async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () => me())
      .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
      .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail())
      .get(`/api/v1/decisions/${DECISION.id}/history`, () => ({ items: HISTORY }));
    renderApp(`/reviews/${REVIEW_ID}`);
    const list = await screen.findByRole('list', { name: 'Call-in timeline' }, { timeout: 5000 });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(7);
    expect(items[3]).toHaveTextContent('From open for call-in to called in');
    expect(items[3]).toHaveTextContent('by Marc Stephenson');
    expect(items[3]).toHaveTextContent('Called in by five members.');
  });
});
