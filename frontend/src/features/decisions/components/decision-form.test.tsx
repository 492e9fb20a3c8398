import { configure, screen, waitFor, within } from '@testing-library/react';
import type { CreateDecision, Decision, UpdateDecision } from '@/api/types';
import { committee, decision, me, recommendations, REVIEW_ID, reviewDetail } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

// Each test loads its page's lazy chunk and several API answers: allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const [REC_1, REC_2] = recommendations() as [ReturnType<typeof recommendations>[number], ReturnType<typeof recommendations>[number]];
const DECISION = decision();

function api(detail = reviewDetail({ decisions: [] })) {
  signedIn();
  return mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get('/api/v1/reviews/:id', () => detail);
}

describe('recording a decision', () => {
  it("starts from the recommendations and sends Cabinet's resolutions mapped to them", async () => {
    const server = api().post(`/api/v1/reviews/${REVIEW_ID}/decisions`, () => json(DECISION, 201));
    const { user } = renderApp(`/reviews/${REVIEW_ID}/decisions/new`);
    const group = await screen.findByRole('group', { name: 'Date of decision' });
    await user.type(within(group).getByLabelText('Day'), '20');
    await user.type(within(group).getByLabelText('Month'), '1');
    await user.type(within(group).getByLabelText('Year'), '2022');
    // One resolution per recommendation, in its words, linked to it.
    expect(screen.getByLabelText('Text of resolution 1')).toHaveValue(REC_1.text);
    expect(screen.getByLabelText('Recommendation decided in resolution 2')).toHaveValue(REC_2.id);
    expect(screen.getByLabelText('Part 3 of resolution 2, label')).toHaveValue('c');
    const text = screen.getByLabelText('Text of resolution 1');
    await user.clear(text);
    await user.type(text, 'Agreed in part');
    await user.click(screen.getByLabelText('Call-in deadline as the record states it (optional)'));
    await user.paste('Midnight - Friday 28th January 2022');
    await user.click(screen.getByRole('button', { name: 'Record decision' }));

    await screen.findByRole('heading', { level: 1, name: /Police Communications/ });
    const body = server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/decisions`)[0]!.body as CreateDecision;
    expect(body.body).toBe('Cabinet');
    expect(body.meeting_date).toBe('2022-01-20');
    expect(body.item_title).toBe(reviewDetail().title);
    expect(body.key_decision).toBe(false);
    expect(body.stated_call_in).toEqual({ text: 'Midnight - Friday 28th January 2022' });
    expect(body.resolutions).toHaveLength(2);
    expect(body.resolutions![0]).toEqual({ number: '1', text: 'Agreed in part', recommendation_id: REC_1.id, parts: [] });
    expect(body.resolutions![1]!.recommendation_id).toBe(REC_2.id);
    expect(body.resolutions![1]!.parts!.map((p) => [p.label, p.recommendation_part_id])).toEqual(
      REC_2.parts.map((p) => [p.label, p.id]),
    );
  }, 20_000);

  it("links the API's 422 messages to the date and to a resolution's part", async () => {
    api().post(`/api/v1/reviews/${REVIEW_ID}/decisions`, () =>
      problem(422, 'Unprocessable Entity', {
        errors: [
          { field: 'meeting_date', message: 'must not be in the future' },
          { field: 'resolutions[1].parts[0].text', message: 'must not be blank' },
        ],
      }),
    );
    const { user } = renderApp(`/reviews/${REVIEW_ID}/decisions/new`);
    const group = await screen.findByRole('group', { name: 'Date of decision' });
    await user.type(within(group).getByLabelText('Day'), '20');
    await user.type(within(group).getByLabelText('Month'), '1');
    await user.type(within(group).getByLabelText('Year'), '2030');
    await user.click(screen.getByRole('button', { name: 'Record decision' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Date of decision: must not be in the future' })).toHaveAttribute(
      'href',
      '#meeting_date-day',
    );
    expect(within(summary).getByRole('link', { name: 'Resolution 2, part 1, text: must not be blank' })).toHaveAttribute(
      'href',
      '#resolution-2-part-1-text',
    );
    expect(within(group).getByLabelText('Year')).toHaveValue('2030');
  }, 20_000);

  it('asks for the date of the decision before asking the API', async () => {
    const server = api();
    const { user } = renderApp(`/reviews/${REVIEW_ID}/decisions/new`);
    await user.click(await screen.findByRole('button', { name: 'Record decision' }));
    expect(await screen.findByRole('link', { name: 'Date of decision: enter the date of the meeting' })).toHaveAttribute(
      'href',
      '#meeting_date-day',
    );
    expect(server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/decisions`)).toHaveLength(0);
  });
});

describe('changing a decision', () => {
  it('sends only what changed with If-Match, and keeps what was typed on a 412', async () => {
    let current: Decision = DECISION;
    const server = api(reviewDetail())
      .get('/api/v1/decisions/:id', () => current)
      .on('PATCH', `/api/v1/decisions/${DECISION.id}`, (call) => {
        if (call.headers.get('If-Match') === '"1"') {
          current = { ...DECISION, reference: 'CAB 22/1', version: 2 };
          return problem(412, 'Precondition Failed');
        }
        current = { ...current, ...(call.body as object), version: 3 } as Decision;
        return current;
      });
    const { user } = renderApp(`/decisions/${DECISION.id}/edit`);
    const reasons = await screen.findByLabelText('Reasons for the decision (optional)');
    await user.clear(reasons);
    await user.type(reasons, 'Better communication');
    await user.click(screen.getByRole('button', { name: 'Save decision' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this decision after you opened this page',
    );
    expect(reasons).toHaveValue('Better communication');
    await waitFor(() => expect(server.callsTo('GET', `/api/v1/decisions/${DECISION.id}`).length).toBe(2));
    await user.click(screen.getByRole('button', { name: 'Save decision' }));
    await screen.findByRole('heading', { level: 1, name: /Police Communications/ });
    const patches = server.callsTo('PATCH', `/api/v1/decisions/${DECISION.id}`);
    expect(patches.map((p) => p.headers.get('If-Match'))).toEqual(['"1"', '"2"']);
    expect(patches[0]!.body as UpdateDecision).toEqual({ reasons: 'Better communication' });
  }, 20_000);
});

describe('call-in', () => {
  it('offers the moves the rules allow, and shows why the API refuses one', async () => {
    const server = api(reviewDetail()).post(`/api/v1/decisions/${DECISION.id}/call-in-transitions`, () =>
      problem(409, 'Conflict', { detail: 'The call-in period has not ended: it ends at 28/01/2022 23:59.' }),
    );
    const { user } = renderApp(`/reviews/${REVIEW_ID}`);
    const group = await screen.findByRole('group', { name: 'Call-in' });
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['expired', 'called_in']);
    await user.click(within(group).getByLabelText('The call-in period ended without a call-in'));
    await user.click(screen.getByRole('button', { name: 'Record call-in' }));
    expect(await screen.findByText('The call-in period has not ended: it ends at 28/01/2022 23:59.')).toBeInTheDocument();
    const call = server.callsTo('POST', `/api/v1/decisions/${DECISION.id}/call-in-transitions`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"1"');
    expect(call.body).toEqual({ to: 'expired', note: null });
    expect(screen.getByRole('link', { name: 'Change the decision of 20 January 2022' })).toHaveAttribute(
      'href',
      `/decisions/${DECISION.id}/edit`,
    );
  });
});
