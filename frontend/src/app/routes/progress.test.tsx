import { screen, waitFor, within } from '@testing-library/react';
import type { NewProgressRound } from '@/api/types';
import {
  committee,
  contributor,
  dashboard,
  grade,
  me,
  progressEntry,
  progressRound,
  review,
  reviewDetail,
  REVIEW_ID,
  ROUND_ID,
  submittedEntry,
} from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

function base(who = me()) {
  return mockApi()
    .get('/api/v1/me', () => who)
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get('/api/v1/reviews', () => ({ items: [review()] }));
}

describe('the home pages', () => {
  it("shows an officer what to assess, what is overdue and grades by group, the grouping in the address", async () => {
    signedIn();
    base()
      .get('/api/v1/dashboard', () => dashboard())
      .get('/api/v1/me/assessments', () => ({ items: [submittedEntry()] }));
    const { user } = renderApp('/');
    const queue = await screen.findByRole(
      'table',
      { name: 'Submissions to assess and updates for the committee' },
      { timeout: 5000 },
    );
    const row = within(queue).getByRole('row', { name: /Recommendation 2, May 2023/ });
    expect(row).toHaveTextContent('Cleveland Police');
    expect(row).toHaveTextContent('3 (Slipped)');
    expect(within(row).getByRole('link', { name: 'Recommendation 2, May 2023' })).toHaveAttribute(
      'href',
      `/progress-entries/${submittedEntry().id}`,
    );

    const overdue = screen.getByRole('table', { name: 'Rounds past their deadline with updates owed' });
    expect(within(overdue).getByRole('link', { name: 'May 2023' })).toHaveAttribute('href', `/progress-rounds/${ROUND_ID}`);
    expect(screen.getByText('No round falls due in the next 45 days.')).toBeInTheDocument();
    // Every overdue round is listed: no note says some were left out.
    expect(screen.queryByText(/with the earliest deadlines/)).not.toBeInTheDocument();

    const grades = screen.getByRole('table', { name: 'Latest grade of each recommendation, by committee' });
    const headers = within(grades).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual([
      'Committee',
      '1 (Fully Achieved)',
      '2 (On-Track)',
      '3 (Slipped)',
      '4 (Not Achieved)',
      'Not graded yet',
      'Total',
    ]);
    expect(within(grades).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3', '0', '0', '0', '1', '4']);

    await user.click(screen.getByRole('link', { name: 'By organisation' }));
    const byOrg = await screen.findByRole('table', { name: 'Latest grade of each recommendation, by organisation' });
    expect(within(byOrg).getByRole('rowheader', { name: 'The council' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'By organisation' })).toHaveAttribute('aria-current', 'true');
  });

  it("shows an officer the statutory responses overdue and due soon, linked to the list filtered", async () => {
    signedIn();
    base()
      .get('/api/v1/dashboard', () => dashboard({ overdue_responses: 1, due_soon_responses: 2 }))
      .get('/api/v1/me/assessments', () => ({ items: [] }));
    renderApp('/');
    expect(await screen.findByRole('link', { name: '1 statutory responses overdue' }, { timeout: 5000 })).toHaveAttribute(
      'href',
      '/statutory-responses?state=awaited&overdue=true',
    );
    expect(screen.getByRole('link', { name: '2 statutory responses due in the next 45 days' })).toHaveAttribute(
      'href',
      '/statutory-responses?state=awaited',
    );
    expect(screen.getByRole('link', { name: '2 actions overdue' })).toHaveAttribute('href', '/milestones?due=overdue');
  });

  it('says when the rounds listed are only the earliest of more', async () => {
    signedIn();
    base()
      .get('/api/v1/dashboard', () => dashboard({ overdue_rounds_total: 75 }))
      .get('/api/v1/me/assessments', () => ({ items: [] }));
    renderApp('/');
    await screen.findByRole('table', { name: 'Rounds past their deadline with updates owed' }, { timeout: 5000 });
    expect(screen.getByText('These are the 1 with the earliest deadlines, of 75.')).toBeInTheDocument();
    expect(screen.getByText('No round falls due in the next 45 days.')).toBeInTheDocument();
    expect(screen.getAllByText(/with the earliest deadlines/)).toHaveLength(1);
  });

  it('shows a contributor what their organisation owes and by when, overdue flagged', async () => {
    signedIn();
    base(contributor()).get('/api/v1/me/inbox', () => ({
      items: [progressEntry(), progressEntry({ id: 'e2', overdue: false, round: { ...progressEntry().round, deadline: '2030-01-31' } })],
    }));
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Progress updates Cleveland Police owes' }, { timeout: 5000 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('5 May 2023');
    expect(within(rows[0]!).getByText('Overdue')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('31 January 2030');
    expect(within(rows[1]!).queryByText('Overdue')).not.toBeInTheDocument();
    expect(screen.getByText('1 update is overdue.')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Menu' })).toHaveTextContent('Updates owed');
  });

  it('tells a contributor when nothing is owed', async () => {
    signedIn();
    base(contributor()).get('/api/v1/me/inbox', () => ({ items: [] }));
    renderApp('/');
    expect(await screen.findByText('Cleveland Police has no progress updates to write at the moment.')).toBeInTheDocument();
  });
});

describe('a progress round', () => {
  function setup(path: string) {
    signedIn();
    const entries = [
      submittedEntry({
        id: 'a1',
        state: 'validated',
        state_label: 'Validated by officer',
        grades: {
          proposed: grade('3'),
          officer: grade('4'),
          proposed_differs_from_officer: true,
          officer_differs_from_accepted: false,
          proposed_differs_from_accepted: false,
        },
      }),
      progressEntry({ id: 'a2', recommendation: { ...progressEntry().recommendation, number: '3' } }),
    ];
    const server = base()
      .get(`/api/v1/progress-rounds/${ROUND_ID}`, () => progressRound())
      .get(`/api/v1/progress-rounds/${ROUND_ID}/entries`, () => entries)
      .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail());
    return { server, ...renderApp(path) };
  }

  it('lists its updates with the three grades side by side, differences marked in words', async () => {
    setup(`/progress-rounds/${ROUND_ID}`);
    const table = await screen.findByRole('table', { name: 'Updates' });
    const row = within(table).getByRole('row', { name: /Recommendation 2/ });
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual([
      'Cleveland Police',
      'Validated by officer ',
      '3 (Slipped)',
      '4 (Not Achieved)differs from proposed',
      '–',
    ]);
    const draft = within(table).getByRole('row', { name: /Recommendation 3/ });
    expect(draft).toHaveTextContent('Overdue');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Progress update, May 2023');
  });

  it('filters by status and by differing grades, with the filters in the address', async () => {
    const { user } = setup(`/progress-rounds/${ROUND_ID}?differ=yes`);
    const table = await screen.findByRole('table', { name: 'Updates matching the filters (1)' });
    expect(within(table).queryByRole('row', { name: /Recommendation 3/ })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Only where the grades differ')).toBeChecked();

    await user.click(screen.getByLabelText('Only where the grades differ'));
    await user.selectOptions(screen.getByLabelText('Status'), 'draft');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    const drafts = await screen.findByRole('table', { name: 'Updates matching the filters (1)' });
    await waitFor(() => expect(within(drafts).getByRole('row', { name: /Recommendation 3/ })).toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'Clear filters' })).toHaveAttribute('href', `/progress-rounds/${ROUND_ID}`);
  });
});

describe('opening a progress round', () => {
  const proposal = {
    sequence: 3,
    label: 'November 2023',
    due: '2023-11',
    due_display: 'November 2023',
    deadline: '2023-11-30',
    basis: "6 months (the committee's interval) after the previous round's meeting (25 May 2023)",
    recommendation_ids: [reviewDetail().recommendations![1]!.id],
  };

  function setup(opened: () => Response) {
    signedIn();
    const server = base()
      .get(`/api/v1/reviews/${REVIEW_ID}/progress-rounds/next`, () => proposal)
      .post(`/api/v1/reviews/${REVIEW_ID}/progress-rounds`, opened)
      .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail())
      .get(`/api/v1/progress-rounds/${ROUND_ID}`, () => progressRound({ label: 'November 2023' }))
      .get(`/api/v1/progress-rounds/${ROUND_ID}/entries`, () => []);
    return { server, ...renderApp(`/reviews/${REVIEW_ID}/progress-rounds/new`) };
  }

  it('is prefilled from the proposal and opens the round', async () => {
    const { user, server } = setup(() => json(progressRound({ label: 'November 2023' }), 201));
    expect(await screen.findByText(/after the previous round's meeting/)).toHaveTextContent('November 2023');
    expect(screen.getByLabelText('Name of the update')).toHaveValue('November 2023');
    const deadline = screen.getByRole('group', { name: 'Deadline for partners' });
    expect(within(deadline).getByLabelText('Day')).toHaveValue('30');
    expect(within(deadline).getByLabelText('Month')).toHaveValue('11');
    const recs = screen.getByRole('group', { name: 'Recommendations to cover' });
    expect(within(recs).getAllByRole('checkbox')).toHaveLength(1);
    expect(within(recs).getByLabelText('Recommendation 2')).toBeChecked();

    const meeting = screen.getByRole('group', { name: 'Committee meeting date (optional)' });
    await user.type(within(meeting).getByLabelText('Day'), '7');
    await user.type(within(meeting).getByLabelText('Month'), '12');
    await user.type(within(meeting).getByLabelText('Year'), '2023');
    await user.click(screen.getByRole('button', { name: 'Open the round' }));

    expect(await screen.findByText('The November 2023 round is open.')).toBeInTheDocument();
    expect(server.callsTo('POST', `/api/v1/reviews/${REVIEW_ID}/progress-rounds`)[0]!.body as NewProgressRound).toEqual({
      label: 'November 2023',
      deadline: '2023-11-30',
      meeting_date: '2023-12-07',
      recommendation_ids: proposal.recommendation_ids,
      include_parts: false,
    });
  });

  it("shows the API's refusal linked to the field", async () => {
    const { user } = setup(() =>
      problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'meeting_date', message: 'must not be before the deadline for partners' }],
      }),
    );
    const meeting = await screen.findByRole('group', { name: 'Committee meeting date (optional)' });
    await user.type(within(meeting).getByLabelText('Day'), '1');
    await user.type(within(meeting).getByLabelText('Month'), '11');
    await user.type(within(meeting).getByLabelText('Year'), '2023');
    await user.click(screen.getByRole('button', { name: 'Open the round' }));
    const link = await screen.findByRole('link', {
      name: 'Committee meeting date: must not be before the deadline for partners',
    });
    expect(link).toHaveAttribute('href', '#meeting_date-day');
  });

  it('says why a round cannot be opened', async () => {
    signedIn();
    base()
      .get(`/api/v1/reviews/${REVIEW_ID}/progress-rounds/next`, () =>
        problem(409, 'Conflict', { detail: 'The review has no agreed action plan to monitor.' }),
      )
      .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail());
    renderApp(`/reviews/${REVIEW_ID}/progress-rounds/new`);
    expect(await screen.findByText('The review has no agreed action plan to monitor.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Open the round' })).not.toBeInTheDocument();
  });
});
