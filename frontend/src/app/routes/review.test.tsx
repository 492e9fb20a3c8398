import { screen, waitFor, within } from '@testing-library/react';
import { actionPlan, committee, decision, me, REVIEW_ID, reviewDetail } from '@/testing/fixtures';
import { mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';
import type { ReviewDetail } from '@/api/types';

function setup(detail: ReviewDetail | Response = reviewDetail()) {
  signedIn();
  const server = mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get('/api/v1/reviews/:id', () => detail);
  return { server, ...renderApp(`/reviews/${REVIEW_ID}`) };
}

describe('a review', () => {
  it('asks for everything in one request', async () => {
    const { server } = setup();
    await screen.findByRole('heading', { level: 1 });
    const call = server.callsTo('GET', `/api/v1/reviews/${REVIEW_ID}`)[0]!;
    expect(call.url.searchParams.get('include')).toBe('recommendations,decisions,action_plan');
  });

  it('shows a loading message first', async () => {
    setup();
    expect(await screen.findByRole('status')).toHaveTextContent('Loading');
  });

  it('summarises the review under its committee', async () => {
    setup();
    const heading = await screen.findByRole('heading', { level: 1, name: /Police Communications in Stockton-on-Tees/ });
    await waitFor(() => expect(heading).toHaveTextContent('Crime and Disorder Select Committee'));
    expect(screen.getByText('Task & Finish')).toBeInTheDocument();
    expect(screen.getByText('2021-2022')).toBeInTheDocument();
    expect(screen.getAllByText('Action plan agreed').length).toBeGreaterThan(0);
  });

  it('lists recommendation 2 with its parts a) to f)', async () => {
    setup();
    const parts = await screen.findByRole('list', { name: 'Parts of recommendation 2' });
    const items = within(parts).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.slice(0, 2))).toEqual(['a)', 'b)', 'c)', 'd)', 'e)', 'f)']);
  });

  it("shows Cabinet's decision with its call-in deadline", async () => {
    setup();
    expect(await screen.findByRole('heading', { name: 'Cabinet decision, 20 January 2022' })).toBeInTheDocument();
    expect(screen.getByTestId('call-in-deadline')).toHaveTextContent('28 January 2022, 23:59');
    expect(screen.getByText('Midnight - Friday 28th January 2022')).toBeInTheDocument();
    expect(screen.getByText('The stated deadline agrees with the computed one.')).toBeInTheDocument();
    expect(screen.getByText('Implementable')).toBeInTheDocument();
  });

  it('warns when the stated deadline disagrees with the computed one', async () => {
    const d = decision();
    setup(
      reviewDetail({
        decisions: [
          { ...d, call_in: { ...d.call_in, agreement: 'disagrees', difference_minutes: 1440, implementable: false } },
        ],
      }),
    );
    expect(await screen.findByText(/it allows 1 day longer/)).toBeInTheDocument();
    expect(screen.getByText('Not yet implementable')).toBeInTheDocument();
  });

  it('shows the action plan as the committee agreed it', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Actions' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['No.', 'Recommendation', 'Proposed actions', 'Success measures', 'Responsibility', 'Date']);
    const row = within(table).getByRole('row', { name: /communication protocol/ });
    expect(row).toHaveTextContent('May 2022 (Development of protocol)');
    expect(row).toHaveTextContent('September 2022 (Assessment of protocol)');
    expect(row).toHaveTextContent('Cleveland Police, C/Supt Lang');
    const partRow = within(table).getByRole('row', { name: /Internal communications/ });
    expect(partRow).toHaveTextContent('2a');
    expect(partRow).toHaveTextContent('a) Cleveland Police promotes');
    expect(partRow).toHaveTextContent('All');
    expect(partRow).toHaveTextContent('Action complete');
    expect(partRow).toHaveTextContent('No date given');
    expect(screen.getByText('March 2022')).toBeInTheDocument();
  });

  it('says what is not there yet', async () => {
    setup(reviewDetail({ recommendations: [], decisions: [], action_plan: null }));
    expect(await screen.findByText('No recommendations have been recorded for this review yet.')).toBeInTheDocument();
    expect(screen.getByText('No decision on this review has been recorded yet.')).toBeInTheDocument();
    expect(screen.getByText('No action plan has been agreed for this review yet.')).toBeInTheDocument();
  });

  it('says when the plan has no actions', async () => {
    setup(reviewDetail({ action_plan: actionPlan({ actions: [] }) }));
    expect(await screen.findByText('The plan has no actions yet.')).toBeInTheDocument();
  });

  it('is not found when the API says so', async () => {
    setup(problem(404, 'Not found'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('says when the review cannot be loaded', async () => {
    setup(problem(500, 'Internal Server Error', { request_id: 'req-500' }));
    expect(await screen.findByText('Sorry, the review could not be loaded')).toBeInTheDocument();
    expect(screen.getByText('req-500')).toBeInTheDocument();
  });
});
