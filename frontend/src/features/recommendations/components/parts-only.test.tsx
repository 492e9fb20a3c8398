// A recommendation made only of its lettered parts, with no lead-in: its `text` is "". Every
// screen shows its parts instead of a blank; forms let its text be blank; and an action with no
// success measures says so.
import { configure, screen, waitFor, within } from '@testing-library/react';
import type { ActionPlan, CreateRecommendation, Recommendation, ReviewDetail } from '@/api/types';
import {
  actionPlan,
  committee,
  contributor,
  ENTRY_ID,
  me,
  progressEntry,
  recommendations,
  REVIEW_ID,
  review,
  reviewDetail,
  statutoryResponse,
} from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

// Each test loads its page's lazy chunk and several API answers: allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const [REC_1, WITH_LEAD_IN] = recommendations() as [Recommendation, Recommendation];
/** Recommendation 2 without its lead-in: parts a) to f) only. */
const PARTS_ONLY: Recommendation = { ...WITH_LEAD_IN, text: '' };
const FIRST_PART = 'a) Cleveland Police promotes the need for regular and Ward-specific engagement';

/** The plan, its whole-recommendation action for recommendation 2 with no success measures. */
function plan(): ActionPlan {
  const p = actionPlan();
  return { ...p, actions: p.actions.map((a, i) => (i === 1 ? { ...a, success_measures: [] } : a)) };
}

function detail(): ReviewDetail {
  return reviewDetail({ recommendations: [REC_1, PARTS_ONLY], action_plan: plan() });
}

function api(data = detail()) {
  signedIn();
  return mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get('/api/v1/reviews/:id', () => data);
}

/** The paragraphs inside an element that say nothing. */
function blankParagraphs(element: HTMLElement): HTMLParagraphElement[] {
  return [...element.querySelectorAll('p')].filter((p) => !p.textContent?.trim());
}

describe('a recommendation made only of its parts', () => {
  it('is listed on the review page with its parts and no empty lead-in', async () => {
    api();
    renderApp(`/reviews/${REVIEW_ID}`);
    const parts = await screen.findByRole('list', { name: 'Parts of recommendation 2' });
    expect(within(parts).getAllByRole('listitem')).toHaveLength(6);
    const item = document.getElementById('recommendation-2')!;
    expect(blankParagraphs(item)).toEqual([]);
  });

  it("shows its parts joined in the action plan's Recommendation cell, and None given for no success measures", async () => {
    api();
    renderApp(`/reviews/${REVIEW_ID}`);
    const table = await screen.findByRole('table', { name: 'Actions' });
    const row = within(table).getAllByRole('row')[2]!;
    const cells = within(row).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent(FIRST_PART);
    expect(cells[1]!.textContent).toContain('; b) Cleveland Police and SBC use their various public-facing communication platforms; c) ');
    expect(cells[3]).toHaveTextContent('None given');
  });

  it('shows its parts joined, shortened as a text is, in the list of recommendations', async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () => contributor())
      .get('/api/v1/committees', () => ({ items: [committee()] }))
      .get('/api/v1/reviews', () => ({ items: [review()] }))
      .get('/api/v1/organisations', () => ({ items: [] }))
      .get('/api/v1/recommendations', () => ({ items: [PARTS_ONLY] }));
    renderApp('/recommendations');
    const table = await screen.findByRole('table', { name: 'Recommendations' });
    const excerpt = within(table).getByText(/^a\) Cleveland Police promotes/);
    expect(excerpt.textContent).toHaveLength(198);
    expect(excerpt.textContent!.endsWith('…')).toBe(true);
  });

  it('has no empty paragraph on its own page; its parts are listed', async () => {
    api()
      .get('/api/v1/recommendations/:id/history', () => ({ items: [] }))
      .get('/api/v1/recommendations/:id', () => PARTS_ONLY);
    renderApp(`/recommendations/${PARTS_ONLY.id}`);
    await screen.findByRole('heading', { level: 1, name: /Recommendation 2/ });
    expect(await screen.findByRole('link', { name: 'Change part c)' })).toBeInTheDocument();
    expect(blankParagraphs(document.querySelector('main') ?? document.body)).toEqual([]);
  });

  it('shows its parts joined on the page that closes it', async () => {
    api().get('/api/v1/recommendations/:id', () => PARTS_ONLY);
    renderApp(`/recommendations/${PARTS_ONLY.id}/close`);
    await screen.findByRole('heading', { level: 1, name: 'Close recommendation 2' });
    expect(screen.getByText(new RegExp(`^${FIRST_PART.replace(/[()]/g, '\\$&')}`))).toBeInTheDocument();
  });

  it("shows its parts, loaded, on a progress update that gives only the recommendation's blank text", async () => {
    signedIn();
    const server = mockApi()
      .get('/api/v1/me', () => me())
      .get(`/api/v1/progress-entries/${ENTRY_ID}/attachments`, () => ({ items: [] }))
      .get(`/api/v1/progress-entries/${ENTRY_ID}`, () =>
        progressEntry({
          written_at: '2023-05-02T09:00:00Z',
          editable: false,
          recommendation: { ...progressEntry().recommendation, text: '' },
        }),
      )
      .get('/api/v1/recommendations/:id', () => PARTS_ONLY);
    renderApp(`/progress-entries/${ENTRY_ID}`);
    await screen.findByRole('heading', { level: 1, name: /Recommendation 2: progress update/ });
    expect(await screen.findByText(new RegExp(`^${FIRST_PART.replace(/[()]/g, '\\$&')}`))).toBeInTheDocument();
    expect(server.callsTo('GET', `/api/v1/recommendations/${PARTS_ONLY.id}`)).toHaveLength(1);
  });

  it('shows its parts joined in the plan editor, and None given on an action card without success measures', async () => {
    const draft = { ...plan(), status: 'draft' as const };
    api(reviewDetail({ recommendations: [REC_1, PARTS_ONLY], action_plan: draft }))
      .get(`/api/v1/reviews/${REVIEW_ID}/action-plan`, () => draft)
      .get('/api/v1/organisations', () => ({ items: [] }))
      .get('/api/v1/contacts', () => ({ items: [] }))
      .get(`/api/v1/action-plans/${draft.id}/history`, () => ({ items: [] }))
      .get(`/api/v1/action-plans/${draft.id}/amendments`, () => ({ items: [] }));
    const { user } = renderApp(`/reviews/${REVIEW_ID}/action-plan/edit`);
    const section = await screen.findByRole('region', { name: 'Recommendation 2' });
    expect(blankParagraphs(section)).toEqual([]);
    expect(within(section).getByText(new RegExp(`^${FIRST_PART.replace(/[()]/g, '\\$&')}`))).toBeInTheDocument();
    const card = document.getElementById(`action-${draft.actions[1]!.id}`)!;
    expect(within(card).getByText('None given')).toBeInTheDocument();

    // The form's choice of recommendation names it by its parts too.
    await user.click(screen.getByRole('button', { name: 'Add an action' }));
    const option = await screen.findByRole('option', { name: /^2\. a\) Cleveland Police promotes/ });
    expect(option.textContent).toHaveLength('2. '.length + 90);
    expect(option.textContent!.endsWith('…')).toBe(true);
  });

  it("shows its parts, loaded, in a statutory response that gives only the recommendation's blank text", async () => {
    signedIn();
    const response = statutoryResponse();
    const blank = {
      ...response,
      items: response.items.map((i) => (i.recommendation_id === PARTS_ONLY.id ? { ...i, recommendation_text: '' } : i)),
    };
    const path = `/api/v1/statutory-responses/${response.id}`;
    mockApi()
      .get('/api/v1/me', () => contributor())
      .get(`${path}/history`, () => ({ items: [] }))
      .get(path, () => json(blank, 200, { ETag: `"${blank.version}"` }))
      .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
      .get(`/api/v1/reviews/${REVIEW_ID}/statutory-responses`, () => ({ items: [], expected: [] }))
      .get(`/api/v1/reviews/${REVIEW_ID}`, () => detail())
      .get('/api/v1/recommendations/:id', () => PARTS_ONLY);
    renderApp(`/statutory-responses/${response.id}`);
    const section = await screen.findByRole('region', { name: 'Recommendation 2' });
    expect(await within(section).findByText(new RegExp(`^${FIRST_PART.replace(/[()]/g, '\\$&')}`))).toBeInTheDocument();
    expect(blankParagraphs(section)).toEqual([]);
  });

  it('is shown on the published review with its parts, and None given for no success measures', async () => {
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
      recommendations: [
        {
          id: PARTS_ONLY.id,
          number: '2',
          text: '',
          status: 'open',
          parts: [
            { label: 'a', text: 'That residents are told' },
            { label: 'b', text: 'That partners share maps' },
          ],
          latest_accepted_grade: null,
        },
      ],
      decisions: [],
      action_plan: {
        title: null,
        status: 'agreed',
        agreed_on: null,
        agreed_on_precision: null,
        actions: [
          {
            recommendation_number: '2',
            proposed_actions: 'Send a newsletter.',
            success_measures: [],
            status: 'open',
            responsible: [],
            milestones: [],
          },
        ],
      },
    }));
    renderApp(`/public/reviews/${REVIEW_ID}`);
    const parts = await screen.findByRole('list', { name: 'Parts of recommendation 2' });
    expect(within(parts).getByText('That residents are told')).toBeInTheDocument();
    expect(blankParagraphs(document.getElementById('recommendation-2')!)).toEqual([]);
    const table = screen.getByRole('table', { name: 'Actions agreed in the plan' });
    expect(within(table).getByText('None given')).toBeInTheDocument();
  });
});

describe('the text of a recommendation in its forms', () => {
  it('may be left blank when adding one with parts', async () => {
    const created: Recommendation = { ...PARTS_ONLY, id: '00000000-0000-4000-8000-000000000299', number: '3' };
    const server = api()
      .post(`/api/v1/reviews/${REVIEW_ID}/recommendations`, () => json(created, 201))
      .get('/api/v1/recommendations/:id/history', () => ({ items: [] }))
      .get('/api/v1/recommendations/:id', () => created);
    const { user } = renderApp(`/reviews/${REVIEW_ID}/recommendations/new`);
    const text = await screen.findByLabelText('Recommendation');
    expect(text).toHaveAccessibleDescription(expect.stringContaining('Leave blank when the recommendation is made only of its parts'));
    await user.click(screen.getByRole('button', { name: 'Add a part' }));
    await user.type(screen.getByLabelText('Text of part 1'), 'That residents are told');
    await user.click(screen.getByRole('button', { name: 'Save recommendation' }));

    await screen.findByRole('heading', { level: 1, name: /Recommendation 3/ });
    expect(server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/recommendations`)[0]!.body as CreateRecommendation).toEqual({
      number: '3',
      text: '',
      parts: [{ label: 'a', text: 'That residents are told' }],
    });
  });

  it('is required when adding one without parts', async () => {
    const server = api();
    const { user } = renderApp(`/reviews/${REVIEW_ID}/recommendations/new`);
    await screen.findByLabelText('Recommendation');
    await user.click(screen.getByRole('button', { name: 'Save recommendation' }));
    expect(
      await screen.findByRole('link', { name: 'Recommendation: enter the text of the recommendation' }),
    ).toHaveAttribute('href', '#text');
    expect(server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/recommendations`)).toHaveLength(0);
  });

  it('may be cleared on one with parts, and the hint says so', async () => {
    let current: Recommendation = WITH_LEAD_IN;
    const server = api()
      .get('/api/v1/recommendations/:id/history', () => ({ items: [] }))
      .get('/api/v1/recommendations/:id', () => current)
      .on('PATCH', `/api/v1/recommendations/${WITH_LEAD_IN.id}`, (call) => {
        current = { ...current, ...(call.body as object), version: 2 };
        return current;
      });
    const { user } = renderApp(`/recommendations/${WITH_LEAD_IN.id}/edit`);
    const text = await screen.findByLabelText('Recommendation');
    expect(text).toHaveAccessibleDescription(expect.stringContaining('Leave blank when the recommendation is made only of its parts'));
    await user.clear(text);
    await user.click(screen.getByRole('button', { name: 'Save recommendation' }));
    await screen.findByRole('heading', { level: 1, name: /Recommendation 2/ });
    expect(server.callsTo('PATCH', `/api/v1/recommendations/${WITH_LEAD_IN.id}`)[0]!.body).toEqual({ text: '' });
  });

  it('is required on one without parts, before sending and when the API refuses it (422 on text)', async () => {
    const server = api()
      .get('/api/v1/recommendations/:id', () => REC_1)
      .on('PATCH', `/api/v1/recommendations/${REC_1.id}`, () =>
        problem(422, 'Unprocessable Entity', {
          errors: [{ field: 'text', message: 'must not be blank: only a recommendation made of parts has no text of its own' }],
        }),
      );
    const { user } = renderApp(`/recommendations/${REC_1.id}/edit`);
    const text = await screen.findByLabelText('Recommendation');
    expect(text).not.toHaveAccessibleDescription(expect.stringContaining('Leave blank'));
    await user.clear(text);
    await user.click(screen.getByRole('button', { name: 'Save recommendation' }));
    expect(
      await screen.findByRole('link', { name: 'Recommendation: enter the text of the recommendation' }),
    ).toHaveAttribute('href', '#text');
    expect(server.callsTo('PATCH', `/api/v1/recommendations/${REC_1.id}`)).toHaveLength(0);

    // The API has the last word (say its parts were all taken away meanwhile).
    await user.type(text, ' ');
    await user.clear(text);
    await user.type(text, 'x');
    await user.click(screen.getByRole('button', { name: 'Save recommendation' }));
    await waitFor(() => expect(server.callsTo('PATCH', `/api/v1/recommendations/${REC_1.id}`)).toHaveLength(1));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', {
        name: 'Recommendation: must not be blank: only a recommendation made of parts has no text of its own',
      }),
    ).toHaveAttribute('href', '#text');
    expect(text).toHaveAccessibleDescription(expect.stringContaining('must not be blank'));
  });
});
