import { screen, waitFor, within } from '@testing-library/react';
import type { AuditEvent, StatutoryResponse, UpdateStatutoryResponse } from '@/api/types';
import {
  committee,
  contributor,
  executiveResponse,
  EXECUTIVE_RESPONSE_ID,
  me,
  REC_1,
  REC_2,
  RESPONSE_ID,
  REVIEW_ID,
  reviewDetail,
  statutoryResponse,
} from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };

type Store = { current: StatutoryResponse };

/** The API: one response that PATCH changes with If-Match and the steps move on. */
function setup(
  options: {
    who?: ReturnType<typeof me>;
    response?: StatutoryResponse;
    history?: AuditEvent[];
    patch?: (body: UpdateStatutoryResponse, store: Store) => Response | null;
    receipt?: (store: Store) => Response | null;
  } = {},
) {
  signedIn();
  const store: Store = { current: options.response ?? statutoryResponse() };
  const path = `/api/v1/statutory-responses/${store.current.id}`;
  const server = mockApi()
    .get('/api/v1/me', () => options.who ?? contributor())
    .get(`${path}/history`, () => ({ items: options.history ?? [] }))
    .get(path, () => json(store.current, 200, { ETag: `"${store.current.version}"` }))
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get(`/api/v1/reviews/${REVIEW_ID}/statutory-responses`, () => ({ items: [], expected: [] }))
    .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail())
    .on('PATCH', path, (call) => {
      const body = call.body as UpdateStatutoryResponse;
      const answer = options.patch?.(body, store);
      if (answer) return answer;
      if (call.headers.get('If-Match') !== `"${store.current.version}"`) return problem(412, 'Precondition Failed');
      const current = store.current;
      store.current = {
        ...current,
        version: current.version + 1,
        summary: body.summary ?? null,
        responder_name: body.responder_name ?? current.responder_name,
        items: current.items.map((item) => {
          const input = body.items?.find((i) => i.recommendation_id === item.recommendation_id);
          return input
            ? { ...item, verdict: input.verdict ?? null, reasons: input.reasons ?? null, proposed_action: input.proposed_action ?? null }
            : item;
        }),
      };
      return json(store.current);
    })
    .post(`${path}/receipt`, (call) => {
      const answer = options.receipt?.(store);
      if (answer) return answer;
      if (call.headers.get('If-Match') !== `"${store.current.version}"`) return problem(412, 'Precondition Failed');
      const body = call.body as { received_on?: string } | undefined;
      store.current = {
        ...store.current,
        state: 'received',
        overdue: false,
        received_on: body?.received_on ?? '2022-02-10',
        version: store.current.version + 1,
      };
      return json(store.current);
    })
    .post(`${path}/publication`, (call) => {
      if (call.headers.get('If-Match') !== `"${store.current.version}"`) return problem(412, 'Precondition Failed');
      const body = call.body as { published_on?: string } | undefined;
      store.current = { ...store.current, state: 'published', published_on: body?.published_on ?? '2022-03-24', version: store.current.version + 1 };
      return json(store.current);
    })
    .on('DELETE', path, () => new Response(null, { status: 204 }));
  return { server, store, path, ...renderApp(`/statutory-responses/${store.current.id}`) };
}

describe("a partner's response", () => {
  it('saves the answers with If-Match, then submits them to the council', async () => {
    const { user, server, path } = setup();
    expect(await screen.findByRole('heading', { level: 1 }, LOADED)).toHaveTextContent("Cleveland Police's response to the report");
    await user.type(screen.getByLabelText('Summary (optional)'), 'The force welcomes the report.');
    const first = screen.getByRole('group', { name: 'Response to recommendation 1' });
    await user.click(within(first).getByLabelText('Accepted'));
    const second = screen.getByRole('group', { name: 'Response to recommendation 2' });
    await user.click(within(second).getByLabelText('Not accepted'));
    await user.type(screen.getByLabelText('Reasons for recommendation 2'), 'The protocol exists already.');
    await user.type(screen.getByLabelText('Proposed action (optional) for recommendation 1'), 'Review the strategy in 2025.');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(server.callsTo('PATCH', path)).toHaveLength(1));
    const patch = server.callsTo('PATCH', path)[0]!;
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(patch.body).toEqual({
      summary: 'The force welcomes the report.',
      items: [
        { recommendation_id: REC_1, verdict: 'accepted', reasons: null, proposed_action: 'Review the strategy in 2025.' },
        { recommendation_id: REC_2, verdict: 'not_accepted', reasons: 'The protocol exists already.', proposed_action: null },
      ],
    });
    expect(await screen.findByText(/^Saved at \d\d:\d\d\.$/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Submit response' }));
    expect(await screen.findByText('Your response has been sent to the council')).toBeInTheDocument();
    const receipt = server.callsTo('POST', `${path}/receipt`)[0]!;
    expect(receipt.headers.get('If-Match')).toBe('"4"');
    expect(receipt.body).toBeUndefined();
    expect(receipt.headers.get('Idempotency-Key')).toBeTruthy();
    // Now read only: what was sent, and no form.
    expect(screen.queryByRole('button', { name: 'Submit response' })).not.toBeInTheDocument();
    expect(screen.getByText('The protocol exists already.')).toBeInTheDocument();
    expect(screen.getByText(/Sent to the council/)).toBeInTheDocument();
  });

  it("links each unanswered recommendation the API names to its field", async () => {
    const { user } = setup({
      receipt: () =>
        problem(422, 'Unprocessable Entity', {
          errors: [
            { field: 'items[0].verdict', message: 'recommendation 1: say whether it is accepted, partly accepted or not accepted' },
            { field: 'items[1].reasons', message: 'recommendation 2: give the reasons it is not accepted' },
          ],
        }),
    });
    await user.click(await screen.findByRole('button', { name: 'Submit response' }, LOADED));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', {
        name: 'Recommendation 1, response: say whether it is accepted, partly accepted or not accepted',
      }),
    ).toHaveAttribute('href', '#item-1-verdict');
    const reasons = within(summary).getByRole('link', { name: 'Recommendation 2, reasons: give the reasons it is not accepted' });
    expect(reasons).toHaveAttribute('href', '#item-2-reasons');
    await user.click(reasons);
    expect(screen.getByLabelText('Reasons for recommendation 2')).toHaveFocus();
    expect(screen.getByLabelText('Reasons for recommendation 2')).toHaveAccessibleDescription(
      expect.stringContaining('give the reasons it is not accepted'),
    );
  });

  it('keeps what was typed when someone else saved first, and saves it over theirs when asked', async () => {
    const { user, store, server, path } = setup({
      patch: (_body, s) => {
        if (s.current.version === 2) {
          s.current = { ...s.current, version: 3, summary: 'Their summary.' };
          return problem(412, 'Precondition Failed');
        }
        return null;
      },
    });
    await user.type(await screen.findByLabelText('Summary (optional)', {}, LOADED), 'Mine.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Someone else changed this response after you opened it');
    expect(screen.getByLabelText('Summary (optional)')).toHaveValue('Mine.');
    await waitFor(() => expect(within(banner).getByRole('button', { name: 'Save my changes over theirs' })).toBeEnabled());
    await user.click(within(banner).getByRole('button', { name: 'Save my changes over theirs' }));
    await waitFor(() => expect(server.callsTo('PATCH', path)).toHaveLength(2));
    expect(server.callsTo('PATCH', path)[1]!.headers.get('If-Match')).toBe('"3"');
    expect(store.current.summary).toBe('Mine.');
  });

  it('is read only for a viewer, with the paper to download', async () => {
    setup({ who: me({ role: 'viewer' }), response: executiveResponse({ state: 'published', published_on: '2022-03-24' }) });
    expect(await screen.findByRole('heading', { level: 1 }, LOADED)).toHaveTextContent("Cabinet's response to the report");
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.getByText('Cabinet welcomes the report.')).toBeInTheDocument();
    expect(screen.getAllByText('Partly accepted').length).toBeGreaterThan(0);
    expect(screen.getByText('24 March 2022')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download the response (PDF)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download the response (Word)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download the response (HTML)' })).toBeInTheDocument();
  });
});

describe("an officer's response", () => {
  it("records the executive's response as received on the day given", async () => {
    const executive = executiveResponse({ state: 'awaited', received_on: null, version: 3 });
    const { user, server } = setup({ who: me(), response: executive });
    const path = `/api/v1/statutory-responses/${EXECUTIVE_RESPONSE_ID}`;
    const day = await screen.findByRole('group', { name: /Date received/ }, LOADED);
    await user.type(within(day).getByLabelText('Day'), '14');
    await user.type(within(day).getByLabelText('Month'), '3');
    await user.type(within(day).getByLabelText('Year'), '2022');
    await user.click(screen.getByRole('button', { name: 'Record as received' }));
    expect(await screen.findByText('The response has been recorded as received')).toBeInTheDocument();
    // Details unchanged are not sent: only the answers.
    expect(Object.keys(server.callsTo('PATCH', path)[0]!.body as object)).toEqual(['summary', 'items']);
    expect(server.callsTo('POST', `${path}/receipt`)[0]!.body).toEqual({ received_on: '2022-03-14' });
  });

  it('sends a corrected due day, and only that of the details', async () => {
    const executive = executiveResponse({ state: 'awaited', received_on: null });
    const { user, server } = setup({ who: me(), response: executive });
    const path = `/api/v1/statutory-responses/${EXECUTIVE_RESPONSE_ID}`;
    const due = await screen.findByRole('group', { name: /^Due/ }, LOADED);
    await user.clear(within(due).getByLabelText('Day'));
    await user.type(within(due).getByLabelText('Day'), '31');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.callsTo('PATCH', path)).toHaveLength(1));
    const body = server.callsTo('PATCH', path)[0]!.body as UpdateStatutoryResponse;
    expect(body.due_on).toBe('2022-03-31');
    expect(body.responder_name).toBeUndefined();
    expect(body.report_received_on).toBeUndefined();
  });

  it('publishes a received response', async () => {
    const { user, server } = setup({ who: me(), response: executiveResponse() });
    const path = `/api/v1/statutory-responses/${EXECUTIVE_RESPONSE_ID}`;
    await user.click(await screen.findByRole('button', { name: 'Publish' }, LOADED));
    expect(await screen.findByText('The response has been published')).toBeInTheDocument();
    const call = server.callsTo('POST', `${path}/publication`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"5"');
    expect(call.body).toBeUndefined();
    expect(screen.queryByRole('button', { name: 'Publish' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Correct the response' })).not.toBeInTheDocument();
  });

  it('opens a received response for correction', async () => {
    const { user } = setup({ who: me(), response: executiveResponse() });
    await user.click(await screen.findByRole('button', { name: 'Correct the response' }, LOADED));
    expect(screen.getByRole('heading', { name: 'Correct the response' })).toBeInTheDocument();
    expect(screen.getByLabelText('Summary (optional)')).toHaveValue('Cabinet welcomes the report.');
    expect(screen.getByRole('button', { name: 'Save the correction' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Publish' })).not.toBeInTheDocument();
  });

  it('removes an awaited response after asking, with If-Match', async () => {
    const { user, server, path } = setup({ who: me() });
    await user.click(await screen.findByRole('button', { name: 'Remove this response' }, LOADED));
    expect(screen.getByText(/This cannot be undone/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yes, remove it' }));
    await waitFor(() => expect(server.callsTo('DELETE', path)).toHaveLength(1));
    expect(server.callsTo('DELETE', path)[0]!.headers.get('If-Match')).toBe('"2"');
    expect(await screen.findByRole('heading', { level: 1, name: /Police Communications/ }, LOADED)).toBeInTheDocument();
  });

  it('shows the history: who did what, and what changed', async () => {
    const before = statutoryResponse();
    const after = statutoryResponse({
      items: before.items.map((item, i) => (i === 0 ? { ...item, verdict: 'accepted' } : item)),
    });
    setup({
      who: me(),
      history: [
        {
          id: 'e2',
          occurred_at: '2022-02-01T10:00:00Z',
          actor: { kind: 'user', name: 'Pat Contributor' },
          action: 'statutory_response.updated',
          entity_type: 'statutory_response',
          entity_id: RESPONSE_ID,
          before: before as unknown as Record<string, never>,
          after: after as unknown as Record<string, never>,
        },
        {
          id: 'e1',
          occurred_at: '2022-01-21T09:00:00Z',
          actor: { kind: 'user', name: 'Marc Stephenson' },
          action: 'statutory_response.created',
          entity_type: 'statutory_response',
          entity_id: RESPONSE_ID,
          after: before as unknown as Record<string, never>,
        },
      ],
    });
    const list = await screen.findByRole('list', { name: 'Changes to the response, newest first' }, LOADED);
    const items = within(list).getAllByRole('listitem').filter((li) => li.classList.contains('app-timeline__item'));
    expect(items[0]).toHaveTextContent('Changed');
    expect(items[0]).toHaveTextContent('Pat Contributor, 1 February 2022');
    expect(items[0]).toHaveTextContent('Recommendation 1, response: Accepted');
    expect(items[1]).toHaveTextContent('Recorded as awaited');
    expect(items[1]).toHaveTextContent('Due17 February 2022');
  });
});
