import { configure, screen, waitFor, within } from '@testing-library/react';
import type { CreateReview, Review, ReviewTransition, UpdateReview } from '@/api/types';
import { committee, contributor, me, REVIEW_ID, review, reviewDetail } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

// Each test loads its page's lazy chunk and several API answers: allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const CONTACT = {
  id: '00000000-0000-4000-8000-000000000300',
  name: 'Marc Stephenson',
  job_title: 'Scrutiny Officer',
  created_at: '2022-01-01T00:00:00Z',
  updated_at: '2022-01-01T00:00:00Z',
  version: 1,
};

function api(role: 'officer' | 'contributor' = 'officer') {
  signedIn();
  return mockApi()
    .get('/api/v1/me', () => (role === 'officer' ? me() : contributor()))
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get('/api/v1/contacts', () => ({ items: [CONTACT] }));
}

describe('creating a review', () => {
  it('sends what the officer entered and goes to the new review', async () => {
    const server = api()
      .post('/api/v1/reviews', (call) => json(review({ ...(call.body as CreateReview), review_type: 'task_and_finish', status: 'proposed' }), 201))
      .get('/api/v1/reviews/:id', () => reviewDetail({ status: 'proposed', status_label: 'Proposed' }));
    const { user } = renderApp('/reviews/new');
    await screen.findByRole('option', { name: 'Crime and Disorder Select Committee' }, { timeout: 5000 });
    await user.selectOptions(screen.getByLabelText('Committee'), 'Crime and Disorder Select Committee');
    await user.type(screen.getByLabelText('Title'), 'Police Communications in Stockton-on-Tees');
    await user.click(screen.getByLabelText('Task & Finish'));
    await user.type(screen.getByLabelText('Work programme year (optional)'), '2021-2022');
    await user.type(screen.getByLabelText('Reference (optional)'), ' 2021/22-04 ');
    await user.click(await screen.findByLabelText('Marc Stephenson, Scrutiny Officer', { selector: 'input' }));
    await user.click(screen.getByRole('button', { name: 'Create review' }));

    await screen.findByRole('heading', { level: 1, name: /Police Communications in Stockton-on-Tees/ });
    const body = server.callsTo('POST', '/api/v1/reviews')[0]!.body as CreateReview;
    expect(body).toEqual({
      committee_id: committee().id,
      title: 'Police Communications in Stockton-on-Tees',
      review_type: 'task_and_finish',
      work_programme_year: '2021-2022',
      reference: '2021/22-04',
      scrutiny_officer_id: null,
      link_officer_ids: [CONTACT.id],
      summary: null,
      status: 'proposed',
    });
  }, 15_000);

  it('says which required fields are missing, before asking the API', async () => {
    const server = api();
    const { user } = renderApp('/reviews/new');
    await user.click(await screen.findByRole('button', { name: 'Create review' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Committee:/ })).toHaveAttribute('href', '#committee_id');
    expect(within(summary).getByRole('link', { name: /^Title:/ })).toHaveAttribute('href', '#title');
    expect(within(summary).getByRole('link', { name: /^Review type:/ })).toHaveAttribute('href', '#review_type');
    expect(server.callsTo('POST', '/api/v1/reviews')).toHaveLength(0);
  });

  it("links the API's 422 messages to the fields and keeps what was typed", async () => {
    api().post('/api/v1/reviews', () =>
      problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'work_programme_year', message: 'must be two consecutive years, such as 2021-2022' }],
      }),
    );
    const { user } = renderApp('/reviews/new');
    await screen.findByRole('option', { name: 'Crime and Disorder Select Committee' }, { timeout: 5000 });
    await user.selectOptions(screen.getByLabelText('Committee'), committee().id);
    await user.type(screen.getByLabelText('Title'), 'Knife crime');
    await user.click(screen.getByLabelText('In-depth'));
    await user.type(screen.getByLabelText('Work programme year (optional)'), '2021-2025');
    await user.click(screen.getByRole('button', { name: 'Create review' }));

    const link = await screen.findByRole('link', {
      name: 'Work programme year: must be two consecutive years, such as 2021-2022',
    });
    expect(link).toHaveAttribute('href', '#work_programme_year');
    const field = screen.getByLabelText('Work programme year (optional)');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('must be two consecutive years'));
    expect(field).toHaveValue('2021-2025');
    expect(screen.getByLabelText('Title')).toHaveValue('Knife crime');
  });

  it('is offered to council staff on the list of reviews', async () => {
    api().get('/api/v1/reviews', () => ({ items: [review()] }));
    renderApp('/reviews');
    expect(await screen.findByRole('link', { name: 'Create a review' })).toHaveAttribute('href', '/reviews/new');
  });

  it('is not offered to a partner', async () => {
    api('contributor').get('/api/v1/reviews', () => ({ items: [review()] }));
    renderApp('/reviews');
    await screen.findByRole('link', { name: review().title });
    expect(screen.queryByRole('link', { name: 'Create a review' })).not.toBeInTheDocument();
  });
});

describe('changing a review', () => {
  it('sends only what changed, with If-Match', async () => {
    let current: Review = reviewDetail();
    const server = api()
      .get('/api/v1/reviews/:id', () => current)
      .on('PATCH', `/api/v1/reviews/${REVIEW_ID}`, (call) => {
        current = { ...current, ...(call.body as object), version: current.version + 1 } as Review;
        return current;
      });
    const { user } = renderApp(`/reviews/${REVIEW_ID}/edit`);
    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Police Communications');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('heading', { level: 1, name: /Police Communications/ });
    const patch = server.callsTo('PATCH', `/api/v1/reviews/${REVIEW_ID}`)[0]!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(patch.body as UpdateReview).toEqual({ title: 'Police Communications' });
  });

  it('says when someone else changed it, keeps what was typed, and saves over theirs on request', async () => {
    let current: Review = reviewDetail();
    let patches = 0;
    const server = api()
      .get('/api/v1/reviews/:id', () => current)
      .on('PATCH', `/api/v1/reviews/${REVIEW_ID}`, (call) => {
        patches += 1;
        if (patches === 1) {
          // Someone saved version 4 in the meantime.
          current = { ...current, summary: 'Their summary', version: 4 };
          return problem(412, 'Precondition Failed');
        }
        if (call.headers.get('If-Match') !== `"${current.version}"`) return problem(412, 'Precondition Failed');
        current = { ...current, ...(call.body as object), version: current.version + 1 } as Review;
        return current;
      });
    const { user } = renderApp(`/reviews/${REVIEW_ID}/edit`);
    const summary = await screen.findByLabelText('Summary (optional)');
    await user.type(summary, 'My summary');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Someone else changed this review after you opened this page');
    expect(summary).toHaveValue('My summary');
    // The latest version is fetched; saving again sends it as If-Match.
    await waitFor(() => expect(server.callsTo('GET', `/api/v1/reviews/${REVIEW_ID}`).length).toBeGreaterThan(1));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('heading', { level: 1, name: /Police Communications in Stockton-on-Tees/ });
    const last = server.callsTo('PATCH', `/api/v1/reviews/${REVIEW_ID}`).at(-1)!;
    expect(last.headers.get('If-Match')).toBe('"4"');
    expect((last.body as UpdateReview).summary).toBe('My summary');
  });
});

describe("a review's status", () => {
  it('offers the allowed next statuses, and shows the reason the API refuses one', async () => {
    const server = api()
      .get('/api/v1/reviews/:id', () =>
        reviewDetail({ status: 'scoping', status_label: 'Scoping', allowed_transitions: ['evidence_gathering', 'withdrawn'] }),
      )
      .post(`/api/v1/reviews/${REVIEW_ID}/status-transitions`, () =>
        problem(409, 'Conflict', { detail: 'A review cannot move from scoping to evidence gathering without a committee' }),
      );
    const { user } = renderApp(`/reviews/${REVIEW_ID}`);
    const group = await screen.findByRole('group', { name: 'Move the review to' });
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual([
      'evidence_gathering',
      'withdrawn',
    ]);
    await user.click(within(group).getByLabelText('Evidence gathering'));
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    expect(
      await screen.findByText('A review cannot move from scoping to evidence gathering without a committee.'),
    ).toBeInTheDocument();
    const call = server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/status-transitions`)[0]!;
    expect(call.body as ReviewTransition).toEqual({ to: 'evidence_gathering', reason: null });
    expect(call.headers.get('If-Match')).toBe('"3"');
  });

  it('asks for the reason when withdrawing', async () => {
    const server = api()
      .get('/api/v1/reviews/:id', () => reviewDetail({ allowed_transitions: ['monitoring', 'withdrawn'] }))
      .post(`/api/v1/reviews/${REVIEW_ID}/status-transitions`, () =>
        review({ status: 'withdrawn', status_label: 'Withdrawn', version: 4 }),
      );
    const { user } = renderApp(`/reviews/${REVIEW_ID}`);
    await user.click(await screen.findByLabelText('Withdrawn'));
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    expect(await screen.findByRole('link', { name: 'Why the review is withdrawn: enter the reason' })).toHaveAttribute(
      'href',
      '#status-reason',
    );
    await user.type(screen.getByLabelText('Why the review is withdrawn'), 'Superseded');
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    expect(await screen.findByText('The review is now: Withdrawn')).toBeInTheDocument();
    expect(server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/status-transitions`)[0]!.body).toEqual({
      to: 'withdrawn',
      reason: 'Superseded',
    });
  });
});
