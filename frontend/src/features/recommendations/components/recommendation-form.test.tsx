import { configure, screen, waitFor, within } from '@testing-library/react';
import type { AuditEvent, CreateRecommendation, Recommendation, RecommendationPart } from '@/api/types';
import { committee, decision, me, recommendations, REVIEW_ID, reviewDetail } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

// Each test loads its page's lazy chunk and several API answers: allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const REC_2 = recommendations()[1]!;
const PART_C = REC_2.parts[2]!;

function api(detail = reviewDetail()) {
  signedIn();
  return mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get('/api/v1/reviews/:id', () => detail);
}

/** A record as the audit trail keeps it (the schema leaves its fields open). */
function snapshot(record: Record<string, unknown>): AuditEvent['after'] {
  return record as unknown as AuditEvent['after'];
}

function event(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    id: crypto.randomUUID(),
    occurred_at: '2022-02-01T10:00:00Z',
    actor: { kind: 'user', name: 'Marc Stephenson' },
    action: 'recommendation.updated',
    entity_type: 'recommendation',
    entity_id: REC_2.id,
    ...overrides,
  };
}

describe('adding a recommendation', () => {
  it('sends the number, the text and the parts, then shows the new recommendation', async () => {
    const created: Recommendation = { ...REC_2, id: '00000000-0000-4000-8000-000000000299', number: '3', parts: [] };
    const server = api()
      .post(`/api/v1/reviews/${REVIEW_ID}/recommendations`, () => json(created, 201))
      .get('/api/v1/recommendations/:id/history', () => ({ items: [] }))
      .get('/api/v1/recommendations/:id', () => created);
    const { user } = renderApp(`/reviews/${REVIEW_ID}/recommendations/new`);
    // The next number after the review's 1 and 2.
    expect(await screen.findByLabelText('Recommendation number')).toHaveValue('3');
    await user.type(screen.getByLabelText('Recommendation'), 'Cleveland Police and SBC:');
    await user.click(screen.getByRole('button', { name: 'Add a part' }));
    expect(screen.getByLabelText('Label of part 1')).toHaveValue('a');
    await user.type(screen.getByLabelText('Text of part 1'), 'agree a protocol');
    await user.click(screen.getByRole('button', { name: 'Add another part' }));
    expect(screen.getByLabelText('Label of part 2')).toHaveValue('b');
    await user.type(screen.getByLabelText('Text of part 2'), 'monitor it');
    await user.click(screen.getByRole('button', { name: 'Save recommendation' }));

    await screen.findByRole('heading', { level: 1, name: /Recommendation 3/ });
    expect(server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/recommendations`)[0]!.body as CreateRecommendation).toEqual({
      number: '3',
      text: 'Cleveland Police and SBC:',
      parts: [
        { label: 'a', text: 'agree a protocol' },
        { label: 'b', text: 'monitor it' },
      ],
    });
  }, 15_000);

  it("links the API's 422 messages to the number and to a part", async () => {
    api().post(`/api/v1/reviews/${REVIEW_ID}/recommendations`, () =>
      problem(422, 'Unprocessable Entity', {
        errors: [
          { field: 'number', message: 'is used by another recommendation of this review' },
          { field: 'parts[0].label', message: 'must be a letter or roman numeral' },
        ],
      }),
    );
    const { user } = renderApp(`/reviews/${REVIEW_ID}/recommendations/new`);
    const number = await screen.findByLabelText('Recommendation number');
    await user.clear(number);
    await user.type(number, '2');
    await user.type(screen.getByLabelText('Recommendation'), 'Text');
    await user.click(screen.getByRole('button', { name: 'Add a part' }));
    const label = screen.getByLabelText('Label of part 1');
    await user.clear(label);
    await user.type(label, '1!');
    await user.type(screen.getByLabelText('Text of part 1'), 'Part text');
    await user.click(screen.getByRole('button', { name: 'Save recommendation' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', {
        name: 'Recommendation number: is used by another recommendation of this review',
      }),
    ).toHaveAttribute('href', '#number');
    expect(
      within(summary).getByRole('link', { name: 'Part 1, label: must be a letter or roman numeral' }),
    ).toHaveAttribute('href', '#part-1-label');
    expect(label).toHaveAccessibleDescription(expect.stringContaining('must be a letter or roman numeral'));
    expect(label).toHaveValue('1!');
  });
});

describe('changing a recommendation', () => {
  it('says when someone else changed it and keeps what was typed', async () => {
    let current: Recommendation = REC_2;
    const server = api()
      .get('/api/v1/recommendations/:id', () => current)
      .on('PATCH', `/api/v1/recommendations/${REC_2.id}`, (call) => {
        if (call.headers.get('If-Match') === '"1"') {
          current = { ...REC_2, text: 'Their text', version: 2 };
          return problem(412, 'Precondition Failed');
        }
        current = { ...current, ...(call.body as object), version: 3 };
        return current;
      })
      .get('/api/v1/recommendations/:id/history', () => ({ items: [] }));
    const { user } = renderApp(`/recommendations/${REC_2.id}/edit`);
    const text = await screen.findByLabelText('Recommendation');
    await user.clear(text);
    await user.type(text, 'My text');
    await user.click(screen.getByRole('button', { name: 'Save recommendation' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this recommendation after you opened this page',
    );
    expect(text).toHaveValue('My text');
    await waitFor(() => expect(server.callsTo('GET', `/api/v1/recommendations/${REC_2.id}`).length).toBe(2));
    await user.click(screen.getByRole('button', { name: 'Save recommendation' }));
    await screen.findByRole('heading', { level: 1, name: /Recommendation 2/ });
    const patches = server.callsTo('PATCH', `/api/v1/recommendations/${REC_2.id}`);
    expect(patches.map((p) => p.headers.get('If-Match'))).toEqual(['"1"', '"2"']);
    expect(patches[1]!.body).toEqual({ text: 'My text' });
  });
});

describe('a recommendation page', () => {
  it("shows the parts, Cabinet's response and the history a page at a time", async () => {
    const resolved = decision({
      resolutions: [
        {
          id: '00000000-0000-4000-8000-000000000402',
          number: '2',
          text: 'Cabinet agreed recommendation 2, except part c)',
          recommendation_id: REC_2.id,
          parts: [],
        },
      ],
    });
    const server = api(reviewDetail({ decisions: [resolved] }))
      .get('/api/v1/recommendations/:id/history', (call) =>
        call.url.searchParams.get('cursor')
          ? { items: [event({ action: 'recommendation.created', after: snapshot({ number: '2' }) })] }
          : {
              items: [
                event({
                  action: 'recommendation_part.withdrawn',
                  before: snapshot({ label: 'c', withdrawn_reason: null }),
                  after: snapshot({ label: 'c', withdrawn_reason: 'Covered by part b' }),
                }),
              ],
              next_cursor: 'page-2',
            },
      )
      .get('/api/v1/recommendations/:id', () => REC_2);
    const { user } = renderApp(`/recommendations/${REC_2.id}`);
    await screen.findByRole('heading', { level: 1, name: /Recommendation 2/ });

    expect(await screen.findByRole('link', { name: 'Change part c)' })).toHaveAttribute(
      'href',
      `/recommendation-parts/${PART_C.id}/edit`,
    );
    expect(screen.getByRole('link', { name: 'Add a part' })).toBeInTheDocument();
    expect(await screen.findByText('Cabinet agreed recommendation 2, except part c)')).toBeInTheDocument();
    expect(screen.getByText('Cabinet, 20 January 2022: resolution 2')).toBeInTheDocument();
    expect(await screen.findByText('Part withdrawn: c)')).toBeInTheDocument();
    expect(screen.getByText('Covered by part b')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Next page' }));
    expect(await screen.findByText('Recommendation recorded')).toBeInTheDocument();
    expect(
      server.callsTo('GET', `/api/v1/recommendations/${REC_2.id}/history`).at(-1)!.url.searchParams.get('cursor'),
    ).toBe('page-2');
  });

  it('is linked from the review page', async () => {
    api();
    renderApp(`/reviews/${REVIEW_ID}`);
    expect(await screen.findByRole('link', { name: 'Recommendation 2' })).toHaveAttribute(
      'href',
      `/recommendations/${REC_2.id}`,
    );
  });
});

describe('withdrawing a part', () => {
  it('needs a reason, and sends it with If-Match', async () => {
    const server = api()
      .get('/api/v1/recommendation-parts/:id', () => PART_C)
      .post(`/api/v1/recommendation-parts/${PART_C.id}/withdrawal`, (): RecommendationPart => ({
        ...PART_C,
        withdrawn_reason: 'Covered by part b',
        version: 2,
      }))
      .get('/api/v1/recommendations/:id/history', () => ({ items: [] }))
      .get('/api/v1/recommendations/:id', () => REC_2);
    const { user } = renderApp(`/recommendation-parts/${PART_C.id}/withdraw`);
    await user.click(await screen.findByRole('button', { name: 'Withdraw part' }));
    expect(
      await screen.findByRole('link', { name: 'Reason for withdrawal: say why part c) is withdrawn' }),
    ).toHaveAttribute('href', '#reason');
    await user.type(screen.getByLabelText('Reason for withdrawal'), 'Covered by part b');
    await user.click(screen.getByRole('button', { name: 'Withdraw part' }));
    await screen.findByRole('heading', { level: 1, name: /Recommendation 2/ });
    const call = server.callsTo('POST', `/api/v1/recommendation-parts/${PART_C.id}/withdrawal`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"1"');
    expect(call.body).toEqual({ reason: 'Covered by part b' });
  });
});
