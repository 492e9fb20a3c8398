// A resolution made only of its lettered parts (as Cabinet resolves on a recommendation made only of
// parts): its `text` may be blank when it has parts, and is still required when it has none. Pages
// that show it give no empty paragraph for the blank text.
import { configure, screen, waitFor, within } from '@testing-library/react';
import type { CreateDecision, Decision, Recommendation, Resolution } from '@/api/types';
import { committee, decision, me, recommendations, REVIEW_ID, reviewDetail } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

// Each test loads its page's lazy chunk and several API answers: allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const [REC_1, WITH_LEAD_IN] = recommendations() as [Recommendation, Recommendation];
/** Recommendation 2 without its lead-in: parts a) to f) only. */
const PARTS_ONLY: Recommendation = { ...WITH_LEAD_IN, text: '' };
const HINT = 'Leave blank when the resolution is made only of its parts';

/** Resolution 2 on recommendation 2, made only of parts a) and b). */
const PARTS_ONLY_RESOLUTION: Resolution = {
  id: '00000000-0000-4000-8000-000000000402',
  number: '2',
  text: '',
  recommendation_id: PARTS_ONLY.id,
  parts: PARTS_ONLY.parts.slice(0, 2).map((p, i) => ({
    id: `00000000-0000-4000-8000-00000000041${i}`,
    label: p.label,
    text: p.text,
    recommendation_part_id: p.id,
  })),
};
const DECISION: Decision = decision({
  resolutions: [{ ...decision().resolutions[0]!, recommendation_id: REC_1.id }, PARTS_ONLY_RESOLUTION],
});

function api(detail = reviewDetail({ recommendations: [REC_1, PARTS_ONLY], decisions: [] })) {
  signedIn();
  return mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get('/api/v1/reviews/:id', () => detail);
}

/** The paragraphs inside an element that say nothing (but live regions, empty until they announce). */
function blankParagraphs(element: Element): HTMLParagraphElement[] {
  return [...element.querySelectorAll('p')].filter((p) => !p.textContent?.trim() && p.getAttribute('role') !== 'status');
}

/** Text kept as written (line breaks and all) that is empty. */
function blankTexts(element: Element): Element[] {
  return [...element.querySelectorAll('.app-pre-line')].filter((e) => !e.textContent?.trim());
}

async function typeMeetingDate(user: ReturnType<typeof renderApp>['user']) {
  const group = await screen.findByRole('group', { name: 'Date of decision' });
  await user.type(within(group).getByLabelText('Day'), '20');
  await user.type(within(group).getByLabelText('Month'), '1');
  await user.type(within(group).getByLabelText('Year'), '2022');
}

describe('the text of a resolution in the decision form', () => {
  it('starts blank, with the parts, on a recommendation made only of parts, and is sent blank', async () => {
    const server = api().post(`/api/v1/reviews/${REVIEW_ID}/decisions`, () => json(DECISION, 201));
    const { user } = renderApp(`/reviews/${REVIEW_ID}/decisions/new`);
    await typeMeetingDate(user);

    // Resolution 1 is in the words of recommendation 1, which has no parts: no hint.
    expect(screen.getByLabelText('Text of resolution 1')).toHaveValue(REC_1.text);
    expect(screen.getByLabelText('Text of resolution 1')).not.toHaveAccessibleDescription(expect.stringContaining(HINT));
    // Resolution 2 is made only of the parts of recommendation 2.
    const text = screen.getByLabelText('Text of resolution 2');
    expect(text).toHaveValue('');
    expect(text).toHaveAccessibleDescription(HINT);
    PARTS_ONLY.parts.forEach((p, j) => {
      expect(screen.getByLabelText(`Part ${j + 1} of resolution 2, label`)).toHaveValue(p.label);
      expect(screen.getByLabelText(`Text of part ${j + 1} of resolution 2`)).toHaveValue(p.text);
    });

    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    await screen.findByRole('heading', { level: 1, name: /Police Communications/ });
    const posts = server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/decisions`);
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body as CreateDecision;
    expect(body.resolutions![1]).toEqual({
      number: '2',
      text: '',
      recommendation_id: PARTS_ONLY.id,
      parts: PARTS_ONLY.parts.map((p) => ({ label: p.label, text: p.text, recommendation_part_id: p.id })),
    });
  }, 20_000);

  it('may be cleared on a resolution with parts, and stays blank when a part is added to one', async () => {
    const server = api(reviewDetail({ recommendations: [REC_1, WITH_LEAD_IN], decisions: [] })).post(
      `/api/v1/reviews/${REVIEW_ID}/decisions`,
      () => json(DECISION, 201),
    );
    const { user } = renderApp(`/reviews/${REVIEW_ID}/decisions/new`);
    await typeMeetingDate(user);
    // Recommendation 2 has a lead-in: its resolution starts with it, and may be cleared.
    const second = screen.getByLabelText('Text of resolution 2');
    expect(second).toHaveValue(WITH_LEAD_IN.text);
    await user.clear(second);
    // Resolution 1 gets a part: its text may go too, and the hint says so.
    const first = screen.getByLabelText('Text of resolution 1');
    await user.click(screen.getByRole('button', { name: 'Add a part to resolution 1' }));
    expect(first).toHaveAccessibleDescription(HINT);
    await user.type(screen.getByLabelText('Text of part 1 of resolution 1'), 'That the strategy is reviewed');
    await user.clear(first);

    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    await screen.findByRole('heading', { level: 1, name: /Police Communications/ });
    const body = server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/decisions`)[0]!.body as CreateDecision;
    expect(body.resolutions!.map((r) => r.text)).toEqual(['', '']);
    expect(body.resolutions![0]!.parts).toEqual([{ label: 'a', text: 'That the strategy is reviewed', recommendation_part_id: null }]);
  }, 20_000);

  it('is required on a resolution without parts, before asking the API', async () => {
    const server = api();
    const { user } = renderApp(`/reviews/${REVIEW_ID}/decisions/new`);
    await typeMeetingDate(user);
    await user.clear(screen.getByLabelText('Text of resolution 1'));
    // Resolution 2 loses its parts: its blank text is then missing too.
    for (let j = PARTS_ONLY.parts.length; j >= 1; j -= 1) {
      await user.click(screen.getByRole('button', { name: `Remove part ${j} of resolution 2` }));
    }
    expect(screen.getByLabelText('Text of resolution 2')).not.toHaveAccessibleDescription(expect.stringContaining(HINT));
    await user.click(screen.getByRole('button', { name: 'Record decision' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Resolution 1, text: enter what was resolved' })).toHaveAttribute(
      'href',
      '#resolution-1-text',
    );
    expect(within(summary).getByRole('link', { name: 'Resolution 2, text: enter what was resolved' })).toHaveAttribute(
      'href',
      '#resolution-2-text',
    );
    expect(screen.getByLabelText('Text of resolution 1')).toHaveAccessibleDescription(
      expect.stringContaining('Resolution 1, text: enter what was resolved'),
    );
    expect(server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/decisions`)).toHaveLength(0);
  }, 20_000);

  it("links the API's 422 on a resolution's text to it", async () => {
    const server = api().post(`/api/v1/reviews/${REVIEW_ID}/decisions`, () =>
      problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'resolutions[1].text', message: 'must not be blank: only a resolution made of parts has no text of its own' }],
      }),
    );
    const { user } = renderApp(`/reviews/${REVIEW_ID}/decisions/new`);
    await typeMeetingDate(user);
    await user.click(screen.getByRole('button', { name: 'Record decision' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', {
        name: 'Resolution 2, text: must not be blank: only a resolution made of parts has no text of its own',
      }),
    ).toHaveAttribute('href', '#resolution-2-text');
    expect(server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/decisions`)).toHaveLength(1);
  }, 20_000);
});

describe('a resolution made only of its parts, shown', () => {
  it('has no empty paragraph on the decision page; its parts are listed', async () => {
    api(reviewDetail({ recommendations: [REC_1, PARTS_ONLY], decisions: [DECISION] }))
      .get(`/api/v1/decisions/${DECISION.id}/history`, () => ({ items: [] }))
      .get(`/api/v1/decisions/${DECISION.id}`, () => json(DECISION, 200, { ETag: `"${DECISION.version}"` }));
    renderApp(`/decisions/${DECISION.id}`);
    const heading = await screen.findByRole('heading', { level: 2, name: 'Resolved' });
    const list = heading.nextElementSibling!;
    const items = within(list as HTMLElement).getAllByRole('listitem');
    const second = items.find((li) => li.parentElement === list && li.textContent!.startsWith('2)'))!;
    // The number, then the parts: no text (nor space for one) between.
    expect(second.textContent).toBe(`2)${PARTS_ONLY.parts.slice(0, 2).map((p) => `${p.label}) ${p.text}`).join('')}`);
    expect(within(second).getAllByRole('listitem')).toHaveLength(2);
    const main = document.querySelector('main') ?? document.body;
    expect(blankParagraphs(main)).toEqual([]);
    expect(blankTexts(main)).toEqual([]);
  });

  it('has no empty paragraph on the review page', async () => {
    api(reviewDetail({ recommendations: [REC_1, PARTS_ONLY], decisions: [DECISION] }));
    renderApp(`/reviews/${REVIEW_ID}`);
    const section = await screen.findByRole('region', { name: 'Cabinet decision, 20 January 2022' });
    expect(section.textContent).toContain(`1) Any scheduled reviews …2)a) ${PARTS_ONLY.parts[0]!.text}`);
    expect(blankParagraphs(section)).toEqual([]);
    expect(blankTexts(section)).toEqual([]);
  });

  it("has no empty paragraph in the Cabinet response on the recommendation's page", async () => {
    api(reviewDetail({ recommendations: [REC_1, PARTS_ONLY], decisions: [DECISION] }))
      .get('/api/v1/recommendations/:id/history', () => ({ items: [] }))
      .get('/api/v1/recommendations/:id', () => PARTS_ONLY);
    renderApp(`/recommendations/${PARTS_ONLY.id}`);
    const answer = await screen.findByText('Cabinet, 20 January 2022: resolution 2');
    const block = answer.parentElement!;
    await waitFor(() => expect(within(block).getAllByRole('listitem')).toHaveLength(2));
    expect(block).toHaveTextContent(`Cabinet, 20 January 2022: resolution 2a) ${PARTS_ONLY.parts[0]!.text}`);
    expect(blankParagraphs(block)).toEqual([]);
    expect(blankParagraphs(document.querySelector('main') ?? document.body)).toEqual([]);
  });

  it('is shown on the published review with its parts and no empty text', async () => {
    mockApi().get('/api/v1/open/reviews/:id', () => ({
      id: REVIEW_ID,
      title: 'Police Communications in Stockton-on-Tees',
      review_type: 'task_and_finish',
      work_programme_year: '2020-2021',
      status: 'monitoring',
      summary: null,
      council_id: '00000000-0000-4000-8000-00000000c001',
      council_name: 'Stockton-on-Tees Borough Council',
      committee: 'Crime and Disorder Select Committee',
      recommendations: [],
      decisions: [
        {
          id: DECISION.id,
          body: 'Cabinet',
          meeting_date: '2022-01-20',
          item_title: null,
          decision_text: null,
          reasons: null,
          alternatives: null,
          reference: null,
          published_on: null,
          call_in_state: null,
          call_in_deadline: null,
          resolutions: [
            { number: '1', text: 'The recommendations be approved.', parts: [] },
            {
              number: '2',
              text: '',
              parts: [
                { label: 'a', text: 'That residents are told' },
                { label: 'b', text: 'That partners share maps' },
              ],
            },
          ],
        },
      ],
      action_plan: null,
    }));
    renderApp(`/public/reviews/${REVIEW_ID}`);
    const parts = await screen.findByRole('list', { name: 'Parts of resolution 2' });
    expect(within(parts).getByText('That residents are told')).toBeInTheDocument();
    const section = parts.closest('section')!;
    expect(parts.parentElement!.textContent).toBe('2)a) That residents are toldb) That partners share maps');
    expect(blankParagraphs(section)).toEqual([]);
    expect(blankTexts(section)).toEqual([]);
  });
});
