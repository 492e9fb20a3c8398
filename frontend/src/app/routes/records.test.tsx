// Each record's history on its page (review, decision, committee, part), the decision's call-in
// deadline recomputed, and a recommendation closed by the committee with its reason.
import { screen, waitFor, within } from '@testing-library/react';
import { auditEvent, committee, decision, me, REC_2, recommendations, REVIEW_ID, review, reviewDetail } from '@/testing/fixtures';
import { mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const DECISION_ID = decision().id;
const PART_ID = recommendations()[1]!.parts[0]!.id;

function base() {
  signedIn();
  return mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/committees/:id/history', () => ({
      items: [
        auditEvent({
          action: 'committee.updated',
          before: { name: 'Crime and Disorder Select Committee', update_interval_months: 6 },
          after: { name: 'Crime and Disorder Select Committee', update_interval_months: 12 },
        }),
      ],
    }))
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get(`/api/v1/reviews/${REVIEW_ID}/history`, (call) => ({
      items: [
        call.url.searchParams.get('cursor')
          ? auditEvent({ action: 'review.created', after: { title: 'Police Communications', status_label: 'Scoping' } })
          : auditEvent({
              action: 'review.status_changed',
              before: { status: 'scoping', status_label: 'Scoping' },
              after: { status: 'monitoring', status_label: 'Monitoring' },
            }),
      ],
      next_cursor: call.url.searchParams.get('cursor') ? null : 'page-2',
    }))
    .get(`/api/v1/reviews/${REVIEW_ID}/decisions`, () => ({ items: [decision({ body: 'Cabinet', meeting_date: '2022-02-17' })] }))
    .get(`/api/v1/reviews/${REVIEW_ID}/statutory-responses`, () => ({ items: [], expected: [] }))
    .get(`/api/v1/reviews/${REVIEW_ID}/progress-rounds`, () => ({ items: [], next_cursor: null }))
    .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail({ decisions: [decision()] }))
    .get('/api/v1/reviews', () => ({ items: [review()] }))
    .get(`/api/v1/decisions/${DECISION_ID}/history`, () => ({
      items: [
        auditEvent({
          action: 'decision.deadline_recomputed',
          actor: { kind: 'user', name: 'Marc Stephenson' },
          before: { call_in: { state: 'open', computed_deadline_local: '2022-01-28T23:59' } },
          after: { call_in: { state: 'open', computed_deadline_local: '2022-01-31T23:59' } },
        }),
        auditEvent({ action: 'decision.created', after: { body: 'Cabinet', meeting_date: '2022-01-20' } }),
      ],
    }))
    .get(`/api/v1/decisions/${DECISION_ID}`, () => decision())
    .get(`/api/v1/recommendations/${REC_2}/history`, () => ({ items: [] }))
    .get(`/api/v1/recommendations/${REC_2}`, () => recommendations()[1])
    .get(`/api/v1/recommendation-parts/${PART_ID}/history`, () => ({
      items: [auditEvent({ action: 'recommendation_part.updated', before: { label: 'a', text: 'Old words' }, after: { label: 'a', text: 'New words' } })],
    }))
    .get(`/api/v1/recommendation-parts/${PART_ID}`, () => recommendations()[1]!.parts[0]);
}

describe("a review's history", () => {
  it('is on its page, a page at a time, and its decisions come from its list of decisions', async () => {
    const server = base();
    const { user } = renderApp(`/reviews/${REVIEW_ID}`);
    const history = await screen.findByRole('list', { name: 'Changes to the review, newest first' }, LOADED);
    expect(history).toHaveTextContent('Status changed');
    expect(history).toHaveTextContent('StatusMonitoring');
    await user.click(screen.getByRole('link', { name: 'Next page' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Changes to the review, newest first' })).toHaveTextContent('Review started'));
    expect(server.callsTo('GET', `/api/v1/reviews/${REVIEW_ID}/history`).at(-1)!.url.searchParams.get('cursor')).toBe('page-2');
    // The review's decisions as its list of decisions gives them.
    expect(await screen.findByRole('heading', { name: 'Cabinet decision, 17 February 2022' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /See every change to the decision/ })).toHaveAttribute('href', `/decisions/${DECISION_ID}`);
  });
});

describe("a decision's page", () => {
  it('shows the record, every change and recomputes the call-in deadline with If-Match', async () => {
    const server = base();
    server.post(`/api/v1/decisions/${DECISION_ID}/call-in-deadline/recomputation`, () =>
      decision({ version: 2, call_in: { ...decision().call_in, computed_deadline_local: '2022-01-31T23:59' } }),
    );
    const { user } = renderApp(`/decisions/${DECISION_ID}`);
    await screen.findByRole('heading', { level: 1, name: /Cabinet decision, 20 January 2022/ }, LOADED);
    const history = await screen.findByRole('list', { name: 'Changes to the decision, newest first' });
    const items = within(history).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Call-in deadline recomputed');
    expect(items[0]).toHaveTextContent('Call-in deadline31 January 2022, 23:59');
    expect(items[1]).toHaveTextContent('Decision recorded');

    await user.click(screen.getByRole('button', { name: 'Recompute the call-in deadline' }));
    expect(await screen.findByText('The call-in deadline is now 31 January 2022, 23:59')).toBeInTheDocument();
    const call = server.callsTo('POST', `/api/v1/decisions/${DECISION_ID}/call-in-deadline/recomputation`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"1"');
  });

  it('says so when someone else changed the decision (412)', async () => {
    const server = base();
    server.post(`/api/v1/decisions/${DECISION_ID}/call-in-deadline/recomputation`, () => problem(412, 'Precondition Failed'));
    const { user } = renderApp(`/decisions/${DECISION_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Recompute the call-in deadline' }, LOADED));
    expect(await screen.findByText(/Someone else changed this decision after you opened this page/)).toBeInTheDocument();
  });
});

describe("a committee's history", () => {
  it('is on its page under the settings', async () => {
    base();
    renderApp(`/admin/committees/${committee().id}`);
    const history = await screen.findByRole('list', { name: 'Changes to the committee, newest first' }, LOADED);
    expect(history).toHaveTextContent('Details corrected');
    expect(history).toHaveTextContent('Months between progress updates12');
  });
});

describe("a recommendation's parts", () => {
  it('each link to their own history', async () => {
    base();
    const { user } = renderApp(`/recommendations/${REC_2}`);
    await user.click(await screen.findByRole('link', { name: 'History of part a)' }, LOADED));
    const history = await screen.findByRole('list', { name: 'Changes to part 2a), newest first' });
    expect(history).toHaveTextContent('Part changed');
    expect(history).toHaveTextContent('TextNew words');
  });
});

describe('closing a recommendation with a recorded reason', () => {
  it('asks for the reason, then sends it with If-Match', async () => {
    const server = base();
    server.post(`/api/v1/recommendations/${REC_2}/closure`, () => ({
      ...recommendations()[1],
      status: 'closed',
      closed_reason: 'Overtaken by the force-wide engagement plan.',
      version: 2,
    }));
    const { user } = renderApp(`/recommendations/${REC_2}`);
    await user.click(await screen.findByRole('link', { name: 'Close recommendation' }, LOADED));
    await user.click(await screen.findByRole('button', { name: 'Close recommendation' }));
    expect(await screen.findByRole('link', { name: 'Reason for closing: say why recommendation 2 is closed' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toMatch(/^Error: Close recommendation 2/));
    // The error summary comes first in the page, before its heading.
    const summary = screen.getByRole('alert');
    const heading = screen.getByRole('heading', { level: 1, name: 'Close recommendation 2' });
    expect(summary.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.type(screen.getByLabelText('Reason for closing'), 'Overtaken by the force-wide engagement plan.');
    await user.click(screen.getByRole('button', { name: 'Close recommendation' }));
    await waitFor(() => expect(server.callsTo('POST', `/api/v1/recommendations/${REC_2}/closure`)).toHaveLength(1));
    const call = server.callsTo('POST', `/api/v1/recommendations/${REC_2}/closure`)[0]!;
    expect(call.body).toEqual({ reason: 'Overtaken by the force-wide engagement plan.' });
    expect(call.headers.get('If-Match')).toBe('"1"');
  });
});
