import { screen, waitFor, within } from '@testing-library/react';
import type { CreateStatutoryResponse, Organisation } from '@/api/types';
import {
  committee,
  contributor,
  COUNCIL_ID,
  EXECUTIVE_RESPONSE_ID,
  me,
  POLICE_ID,
  REC_1,
  REC_2,
  RESPONSE_ID,
  responseTracker,
  REVIEW_ID,
  reviewDetail,
  statutoryResponse,
} from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const T = '2022-03-15T10:00:00Z';
const TRACKER = `/api/v1/reviews/${REVIEW_ID}/statutory-responses`;
const FIRE_ID = '00000000-0000-4000-8000-000000000003';

function org(id: string, name: string, kind: Organisation['kind']): Organisation {
  return { id, name, kind, responsible_authority: true, created_at: T, updated_at: T, version: 1 };
}

function setup(who = me(), tracker: unknown = responseTracker()) {
  signedIn();
  return mockApi()
    .get('/api/v1/me', () => who)
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail())
    .get(TRACKER, () => tracker)
    .get('/api/v1/organisations', () => ({
      items: [
        org(POLICE_ID, 'Cleveland Police', 'police'),
        org(COUNCIL_ID, 'Stockton-on-Tees Borough Council', 'council'),
        org(FIRE_ID, 'Cleveland Fire Brigade', 'fire'),
      ],
    }));
}

describe("a review's statutory responses", () => {
  it('lists the responses with their days and state, and who is still to respond', async () => {
    setup();
    renderApp(`/reviews/${REVIEW_ID}`);
    const table = await screen.findByRole('table', { name: 'Responses to the report' }, { timeout: 5000 });
    const row = within(table).getByRole('row', { name: /Cabinet/ });
    expect(within(row).getByRole('link', { name: 'Response of Cabinet' })).toHaveAttribute(
      'href',
      `/statutory-responses/${EXECUTIVE_RESPONSE_ID}`,
    );
    expect(row).toHaveTextContent('Executive');
    expect(row).toHaveTextContent('20 January 2022');
    expect(row).toHaveTextContent('20 March 2022');
    expect(row).toHaveTextContent('Received');
    expect(row).toHaveTextContent('14 March 2022');

    const expected = screen.getByRole('table', { name: 'Still to respond, with no response recorded' });
    const police = within(expected).getByRole('row', { name: /Cleveland Police/ });
    expect(police).toHaveTextContent('Responsible partner');
    expect(police).toHaveTextContent('1 recommendation');
    expect(police).toHaveTextContent('28 days');
    expect(within(police).getByRole('link', { name: 'Record the response of Cleveland Police' })).toHaveAttribute(
      'href',
      `/reviews/${REVIEW_ID}/statutory-responses/new?kind=partner&organisation_id=${POLICE_ID}`,
    );
  });

  it('flags an awaited response past its due day as overdue', async () => {
    setup(me(), responseTracker({ items: [statutoryResponse()], expected: [] }));
    renderApp(`/reviews/${REVIEW_ID}`);
    const table = await screen.findByRole('table', { name: 'Responses to the report' }, { timeout: 5000 });
    const row = within(table).getByRole('row', { name: /Cleveland Police/ });
    expect(within(row).getByText('Awaited')).toBeInTheDocument();
    expect(within(row).getByText('Overdue')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /Still to respond/ })).not.toBeInTheDocument();
  });

  it('does not offer a partner contributor to record responders', async () => {
    setup(contributor(), responseTracker({ items: [statutoryResponse()], expected: [] }));
    renderApp(`/reviews/${REVIEW_ID}`);
    await screen.findByRole('table', { name: 'Responses to the report' }, { timeout: 5000 });
    expect(screen.queryByRole('link', { name: /Record/ })).not.toBeInTheDocument();
  });

  it('says when nothing is recorded yet', async () => {
    setup(me(), { items: [], expected: [] });
    renderApp(`/reviews/${REVIEW_ID}`);
    expect(
      await screen.findByText("No statutory response to this review's report has been recorded yet.", {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Record a responder' })).toHaveAttribute(
      'href',
      `/reviews/${REVIEW_ID}/statutory-responses/new`,
    );
  });
});

describe('recording a statutory response', () => {
  it("is prefilled from the tracker's partner, and goes to the new response", async () => {
    const server = setup().post(TRACKER, () => json(statutoryResponse(), 201));
    server.get(`/api/v1/statutory-responses/${RESPONSE_ID}`, () => statutoryResponse());
    const { user } = renderApp(`/reviews/${REVIEW_ID}/statutory-responses/new?kind=partner&organisation_id=${POLICE_ID}`);
    await screen.findByRole('heading', { level: 1, name: /Record a statutory response/ }, { timeout: 5000 });
    expect(screen.getByLabelText('A responsible partner')).toBeChecked();
    expect(screen.getByLabelText('Partner organisation')).toHaveValue(POLICE_ID);
    expect(screen.getByLabelText('Name in the papers (optional)')).toHaveValue('Cleveland Police');
    expect(screen.getByLabelText('Recommendation 1')).not.toBeChecked();
    expect(screen.getByLabelText('Recommendation 2')).toBeChecked();

    const received = screen.getByRole('group', { name: /Report received/ });
    await user.type(within(received).getByLabelText('Day'), '20');
    await user.type(within(received).getByLabelText('Month'), '1');
    await user.type(within(received).getByLabelText('Year'), '2022');
    await user.click(screen.getByLabelText('Recommendation 1'));
    await user.click(screen.getByRole('button', { name: 'Record the response' }));

    await waitFor(() => expect(server.callsTo('POST', TRACKER)).toHaveLength(1));
    expect(server.callsTo('POST', TRACKER)[0]!.body as CreateStatutoryResponse).toEqual({
      responder_kind: 'partner',
      organisation_id: POLICE_ID,
      responder_name: 'Cleveland Police',
      report_received_on: '2022-01-20',
      recommendation_ids: [REC_1, REC_2],
    });
    expect(await screen.findByText('The response has been recorded')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent("Cleveland Police's response to the report");
  });

  it("puts every recommendation to the executive, and checks the form before sending", async () => {
    const server = setup(me(), { items: [], expected: responseTracker().expected });
    server.post(TRACKER, () => json(statutoryResponse(), 201));
    const { user } = renderApp(`/reviews/${REVIEW_ID}/statutory-responses/new`);
    await user.click(await screen.findByRole('button', { name: 'Record the response' }, { timeout: 5000 }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Who responds: choose/ })).toHaveAttribute('href', '#responder_kind');
    expect(within(summary).getByRole('link', { name: /^Report received: enter the day/ })).toHaveAttribute(
      'href',
      '#report_received_on-day',
    );
    expect(server.callsTo('POST', TRACKER)).toHaveLength(0);

    await user.click(screen.getByLabelText('The executive'));
    expect(screen.getByLabelText('Recommendation 1')).toBeChecked();
    expect(screen.getByLabelText('Recommendation 2')).toBeChecked();
    // A partner the recommendations do not name can be chosen too.
    await user.click(screen.getByLabelText('A responsible partner'));
    await user.selectOptions(screen.getByLabelText('Partner organisation'), 'Cleveland Fire Brigade');
    expect(screen.getByLabelText('Recommendation 1')).not.toBeChecked();
    expect(screen.getByLabelText('Recommendation 2')).not.toBeChecked();
  });

  it("shows the API's 409 when the responder already has a response", async () => {
    const server = setup();
    server.post(TRACKER, () =>
      problem(409, 'Conflict', { detail: 'Cleveland Police already has a response to this review\'s report.' }),
    );
    const { user } = renderApp(`/reviews/${REVIEW_ID}/statutory-responses/new?kind=partner&organisation_id=${POLICE_ID}`);
    const received = await screen.findByRole('group', { name: /Report received/ }, { timeout: 5000 });
    await user.type(within(received).getByLabelText('Day'), '20');
    await user.type(within(received).getByLabelText('Month'), '1');
    await user.type(within(received).getByLabelText('Year'), '2022');
    await user.click(screen.getByRole('button', { name: 'Record the response' }));
    expect(await screen.findByText("Cleveland Police already has a response to this review's report.")).toBeInTheDocument();
  });

  it('is for council staff only', async () => {
    setup(contributor());
    renderApp(`/reviews/${REVIEW_ID}/statutory-responses/new`);
    expect(await screen.findByText('Only council scrutiny officers can do this.', {}, { timeout: 5000 })).toBeInTheDocument();
  });
});
