import { screen, waitFor, within } from '@testing-library/react';
import { actionPlan, contributor, me, REVIEW_ID, reviewDetail } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';
import { addDays, todayInUk, windowQuery } from '@/features/plans/lib/due-window';

const LOADED = { timeout: 5000 };

function setup(path = '/milestones', who = me()) {
  signedIn();
  const plan = actionPlan();
  const server = mockApi()
    .get('/api/v1/me', () => who)
    .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail())
    .get('/api/v1/actions', () => ({ items: plan.actions.slice(0, 2) }));
  return { server, ...renderApp(path) };
}

describe('the milestones due', () => {
  it('asks for open actions overdue or due in the next 90 days by default', async () => {
    const { server } = setup();
    await screen.findByRole('table', { name: 'Overdue or due in the next 90 days' }, LOADED);
    const query = server.callsTo('GET', '/api/v1/actions')[0]!.url.searchParams;
    expect(query.get('status')).toBe('open');
    expect(query.get('due_to')).toBe(addDays(todayInUk(), 90));
    expect(query.get('due_from')).toBeNull();
  });

  it('shows the review, recommendation, action, who is responsible and each milestone, overdue flagged', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Overdue or due in the next 90 days' }, LOADED);
    const row = within(table).getByRole('row', { name: /communication protocol/ });
    await within(row).findByRole('link', { name: 'Police Communications in Stockton-on-Tees' });
    expect(within(row).getByRole('link', { name: 'Recommendation 2' })).toHaveAttribute(
      'href',
      `/recommendations/${actionPlan().actions[1]!.recommendation_id}`,
    );
    expect(row).toHaveTextContent('As part of the future communications protocol');
    expect(row).toHaveTextContent('Cleveland Police, C/Supt Lang');
    const milestones = within(row).getAllByRole('listitem');
    expect(milestones.map((li) => li.textContent)).toEqual([
      'May 2022 (Development of protocol)',
      'September 2022 (Assessment of protocol)',
    ]);
  });

  it('flags a milestone not met whose last day has passed', async () => {
    signedIn();
    const plan = actionPlan();
    const action = {
      ...plan.actions[1]!,
      milestones: [
        { ...plan.actions[1]!.milestones[0]!, due_by: '2022-05-31' },
        { ...plan.actions[1]!.milestones[1]!, due_by: '2022-09-30', completed_on: '2022-09-20' },
      ],
    };
    mockApi()
      .get('/api/v1/me', () => contributor())
      .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail())
      .get('/api/v1/actions', () => ({ items: [action] }));
    renderApp('/milestones?due=overdue');
    const table = await screen.findByRole('table', { name: 'Overdue' }, LOADED);
    const items = within(table).getAllByRole('listitem');
    expect(within(items[0]!).getByText('Overdue')).toBeInTheDocument();
    expect(items[1]).toHaveTextContent('Met 20 September 2022');
    expect(within(items[1]!).queryByText('Overdue')).not.toBeInTheDocument();
  });

  it('puts the window in the address and asks the API for it', async () => {
    const { server, user } = setup();
    await screen.findByRole('table', {}, LOADED);
    await user.selectOptions(screen.getByLabelText('Show'), 'Due in the next 30 days');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));
    await screen.findByRole('table', { name: 'Due in the next 30 days' });
    await waitFor(() => expect(server.callsTo('GET', '/api/v1/actions').length).toBeGreaterThan(1));
    const query = server.callsTo('GET', '/api/v1/actions').at(-1)!.url.searchParams;
    const today = todayInUk();
    expect(query.get('due_from')).toBe(today);
    expect(query.get('due_to')).toBe(addDays(today, 30));
    expect(screen.getByRole('link', { name: 'Clear filter' })).toHaveAttribute('href', '/milestones');
  });
});

describe('the due windows', () => {
  it('count from today', () => {
    expect(windowQuery('overdue', '2023-05-10')).toEqual({ overdue: true });
    expect(windowQuery('90', '2023-05-10')).toEqual({ due_from: '2023-05-10', due_to: '2023-08-08' });
    expect(windowQuery('all', '2023-05-10')).toEqual({});
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(todayInUk(new Date('2023-06-30T23:30:00Z'))).toBe('2023-07-01');
  });
});
