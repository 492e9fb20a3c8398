import { screen, waitFor, within } from '@testing-library/react';
import type { Action, ActionPlan, AuditEvent, CreateAction, UpdateAction, UpdateActionPlan, Withdrawal } from '@/api/types';
import { actionPlan, contributor, me, POLICE_ID, recommendations, REVIEW_ID, reviewDetail } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const PLAN_ID = '00000000-0000-4000-8000-000000000500';
const ACTION_1 = '00000000-0000-4000-8000-000000000501';
const LANG_ID = '00000000-0000-4000-8000-000000000950';
const COUNCIL_ORG = '00000000-0000-4000-8000-000000000001';
const T = '2022-03-15T10:00:00Z';
const EDIT = `/reviews/${REVIEW_ID}/action-plan/edit`;

function org(id: string, name: string, kind: string) {
  return { id, name, kind, responsible_authority: true, created_at: T, updated_at: T, version: 1 };
}

/** A snapshot in an audit event (the schema types them as open objects). */
const snap = (o: Record<string, unknown>) => o as unknown as AuditEvent['after'];

function event(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    id: crypto.randomUUID(),
    occurred_at: T,
    actor: { kind: 'user', name: 'Marc Stephenson' },
    action: 'action_plan.updated',
    entity_type: 'action_plan',
    entity_id: PLAN_ID,
    ...overrides,
  };
}

type Options = {
  plan?: ActionPlan;
  who?: ReturnType<typeof me>;
  history?: (cursor: string | null) => unknown;
  create?: (body: CreateAction) => Response | unknown;
  patchAction?: (body: UpdateAction, ifMatch: string | null) => Response | unknown;
  getAction?: () => Action;
  patchPlan?: (body: UpdateActionPlan, ifMatch: string | null) => Response | unknown;
};

function setup(options: Options = {}, path = EDIT) {
  signedIn();
  const plan = options.plan ?? actionPlan({ status: 'draft', agreed_on: null, agreed_on_precision: null, agreed_on_display: null, version: 1 });
  const server = mockApi()
    .get('/api/v1/me', () => options.who ?? me())
    .get('/api/v1/committees/:id', () => problem(404, 'Not found'))
    .get(`/api/v1/reviews/${REVIEW_ID}/action-plan`, () => plan)
    .get('/api/v1/reviews/:id', () => reviewDetail({ action_plan: plan }))
    .get('/api/v1/organisations', () => ({
      items: [org(POLICE_ID, 'Cleveland Police', 'police'), org(COUNCIL_ORG, 'Stockton-on-Tees Borough Council', 'council')],
    }))
    .get('/api/v1/contacts', () => ({
      items: [{ id: LANG_ID, name: 'C/Supt Lang', job_title: 'Superintendent', organisation_id: POLICE_ID, created_at: T, updated_at: T, version: 1 }],
    }))
    .get(`/api/v1/action-plans/${PLAN_ID}/history`, (call) =>
      options.history ? options.history(call.url.searchParams.get('cursor')) : { items: [] },
    )
    .get(`/api/v1/action-plans/${PLAN_ID}/amendments`, () => ({ items: [] }))
    .post(`/api/v1/action-plans/${PLAN_ID}/actions`, (call) =>
      options.create ? options.create(call.body as CreateAction) : json(plan.actions[0], 201),
    )
    .get('/api/v1/actions/:id', () => options.getAction?.() ?? plan.actions[0])
    .on('PATCH', '/api/v1/actions/:id', (call) =>
      options.patchAction ? options.patchAction(call.body as UpdateAction, call.headers.get('If-Match')) : plan.actions[0],
    )
    .on('PATCH', `/api/v1/action-plans/${PLAN_ID}`, (call) =>
      options.patchPlan ? options.patchPlan(call.body as UpdateActionPlan, call.headers.get('If-Match')) : plan,
    )
    .post('/api/v1/actions/:id/withdrawal', () => ({ ...plan.actions[0], status: 'withdrawn' }))
    .post('/api/v1/actions/:id/completion', () => ({ ...plan.actions[0], status: 'complete' }));
  return { server, plan, ...renderApp(path) };
}

async function openAddForm(user: ReturnType<typeof setup>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Add an action' }, { timeout: 5000 }));
  return screen.findByRole('region', { name: 'Add an action' });
}

describe('the action plan editor', () => {
  it('groups the actions by recommendation and part', async () => {
    setup();
    const rec2 = await screen.findByRole('region', { name: 'Recommendation 2' }, { timeout: 5000 });
    expect(within(rec2).getByRole('heading', { name: /^2a\) Cleveland Police promotes/ })).toBeInTheDocument();
    expect(within(rec2).getByRole('heading', { name: /Action 3/ })).toBeInTheDocument();
    expect(within(rec2).getByText(/Parts without an action of their own: b\), c\)/)).toBeInTheDocument();
    const rec1 = screen.getByRole('region', { name: 'Recommendation 1' });
    expect(within(rec1).getByText('April 2022')).toBeInTheDocument();
  });

  it('adds an action with owners and a month and a day as target dates', async () => {
    const { user, server } = setup();
    const form = await openAddForm(user);
    const rec2 = recommendations()[1]!;
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Recommendation' }), rec2.id);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Part' }), rec2.parts[0]!.id);
    await user.type(within(form).getByLabelText('Agreed action'), 'Draft protocol\n• Consult councillors');
    await user.type(within(form).getByLabelText('Success measure'), 'Protocol agreed');
    await user.click(within(form).getByRole('button', { name: 'Add another success measure' }));
    await user.type(within(form).getByLabelText('Success measure 2'), 'Councillors report better engagement');
    await user.click(within(form).getByRole('checkbox', { name: 'Cleveland Police' }));
    await user.click(within(form).getByRole('checkbox', { name: 'C/Supt Lang' }));

    const first = within(form).getByRole('group', { name: 'Target date' });
    await user.click(within(first).getByRole('radio', { name: 'Month' }));
    await user.type(within(first).getByRole('textbox', { name: 'Month' }), '3');
    await user.type(within(first).getByRole('textbox', { name: 'Year' }), '2023');
    await user.type(within(form).getByLabelText('Milestone (optional)'), 'Development of protocol');
    await user.click(within(form).getByRole('button', { name: 'Add another target date' }));
    const second = within(form).getByRole('group', { name: 'Target date 2' });
    await user.click(within(second).getByRole('radio', { name: 'Day' }));
    await user.type(within(second).getByRole('textbox', { name: 'Day' }), '14');
    await user.type(within(second).getByRole('textbox', { name: 'Month' }), '10');
    await user.type(within(second).getByRole('textbox', { name: 'Year' }), '2023');
    await user.click(within(form).getByRole('button', { name: 'Save action' }));

    await waitFor(() => expect(server.callsTo('POST', `/api/v1/action-plans/${PLAN_ID}/actions`)).toHaveLength(1));
    const body = server.callsTo('POST', `/api/v1/action-plans/${PLAN_ID}/actions`)[0]!.body as CreateAction;
    expect(body).toEqual({
      recommendation_id: rec2.id,
      part_id: rec2.parts[0]!.id,
      proposed_actions: 'Draft protocol\n• Consult councillors',
      success_measures: ['Protocol agreed', 'Councillors report better engagement'],
      owners: [{ organisation_id: POLICE_ID }, { contact_id: LANG_ID }],
      responsible_all: false,
      responsibility_text: null,
      milestones: [
        { date: '2023-03', label: 'Development of protocol', completed_on: null },
        { date: '2023-10-14', label: null, completed_on: null },
      ],
      status_notes: null,
      amendment_reason: null,
    });
    expect(await screen.findByText('The action was added')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Add an action' })).not.toBeInTheDocument());
  });

  it('sends "All" and no date when chosen, and refuses a month that does not exist before sending', async () => {
    const { user, server } = setup();
    const form = await openAddForm(user);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Recommendation' }), recommendations()[0]!.id);
    await user.type(within(form).getByLabelText('Agreed action'), 'Incorporate the findings');
    await user.type(within(form).getByLabelText('Success measure'), 'Strategy reflects them');
    await user.click(within(form).getByRole('radio', { name: 'All partners ("All")' }));
    const date = within(form).getByRole('group', { name: 'Target date' });
    await user.click(within(date).getByRole('radio', { name: 'Month' }));
    await user.type(within(date).getByRole('textbox', { name: 'Month' }), '13');
    await user.type(within(date).getByRole('textbox', { name: 'Year' }), '2023');
    await user.click(within(form).getByRole('button', { name: 'Save action' }));
    const link = await screen.findByRole('link', { name: 'Target date: must be a real month, for example 3 2023' });
    expect(link).toHaveAttribute('href', '#action-milestone-0-mm');
    expect(server.callsTo('POST', `/api/v1/action-plans/${PLAN_ID}/actions`)).toHaveLength(0);

    await user.click(within(date).getByRole('radio', { name: 'No date' }));
    await user.click(within(form).getByRole('button', { name: 'Save action' }));
    await waitFor(() => expect(server.callsTo('POST', `/api/v1/action-plans/${PLAN_ID}/actions`)).toHaveLength(1));
    const body = server.callsTo('POST', `/api/v1/action-plans/${PLAN_ID}/actions`)[0]!.body as CreateAction;
    expect(body.responsible_all).toBe(true);
    expect(body.owners).toEqual([]);
    expect(body.milestones).toEqual([]);
  });

  it("links the API's 422 errors to the fields", async () => {
    const { user } = setup({
      create: () =>
        problem(422, 'The request has invalid fields', {
          errors: [
            { field: 'proposed_actions', message: 'must not be blank' },
            { field: 'success_measures[0]', message: 'must not be blank' },
            { field: 'owners', message: 'name at least one organisation or contact, or set responsible_all' },
            { field: 'milestones[0].date', message: 'is not a date such as "March 2023"' },
          ],
        }),
    });
    const form = await openAddForm(user);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Recommendation' }), recommendations()[0]!.id);
    const date = within(form).getByRole('group', { name: 'Target date' });
    await user.click(within(date).getByRole('radio', { name: 'Day' }));
    await user.type(within(date).getByRole('textbox', { name: 'Day' }), '1');
    await user.type(within(date).getByRole('textbox', { name: 'Month' }), '1');
    await user.type(within(date).getByRole('textbox', { name: 'Year' }), '1066');
    await user.click(within(form).getByRole('button', { name: 'Save action' }));

    const summary = await within(form).findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Agreed action: must not be blank' })).toHaveAttribute('href', '#action-proposed');
    expect(within(summary).getByRole('link', { name: 'Success measure: must not be blank' })).toHaveAttribute('href', '#action-measure-0');
    expect(within(summary).getByRole('link', { name: /^Responsibility: name at least one/ })).toHaveAttribute('href', '#action-organisations');
    const dateLink = within(summary).getByRole('link', { name: /^Target date: is not a date/ });
    expect(dateLink).toHaveAttribute('href', '#action-milestone-0-d');
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    expect(screen.getByLabelText('Agreed action')).toHaveAccessibleDescription(expect.stringContaining('must not be blank'));
    expect(within(date).getByRole('textbox', { name: 'Day' })).toHaveClass('govuk-input--error');
    await user.click(dateLink);
    expect(within(date).getByRole('textbox', { name: 'Day' })).toHaveFocus();
  });

  it('edits an action with If-Match, and on a 412 keeps what was typed and shows what changed', async () => {
    let calls = 0;
    const { user, server, plan } = setup({
      patchAction: (_body, ifMatch) => {
        calls += 1;
        return ifMatch === '"2"' ? { ...plan.actions[0]!, version: 3 } : problem(412, 'Precondition Failed');
      },
      getAction: () => ({
        ...plan.actions[0]!,
        version: 2,
        proposed_actions: 'Someone else rewrote this.',
        updated_at: '2022-03-16T09:30:00Z',
      }),
    });
    const rec1 = await screen.findByRole('region', { name: 'Recommendation 1' });
    await user.click(within(rec1).getByRole('button', { name: 'Edit action 1' }));
    const form = await screen.findByRole('region', { name: 'Edit action 1' });
    const field = within(form).getByLabelText('Agreed action');
    expect(field).toHaveValue('Cleveland Police commit to incorporating the key findings into any future strategy.');
    await user.clear(field);
    await user.type(field, 'My new wording.');
    await user.click(within(form).getByRole('button', { name: 'Save action' }));

    const notice = await within(form).findByRole('alert');
    expect(notice).toHaveTextContent(/Someone else changed this action at 16 March 2022.*09:30, after you opened it/);
    expect(within(notice).getByText('Agreed action')).toBeInTheDocument();
    expect(within(notice).getByText('Someone else rewrote this.')).toBeInTheDocument();
    expect(field).toHaveValue('My new wording.');
    const patches = server.callsTo('PATCH', `/api/v1/actions/${ACTION_1}`);
    expect(patches[0]!.headers.get('If-Match')).toBe('"1"');
    expect((patches[0]!.body as UpdateAction).proposed_actions).toBe('My new wording.');
    expect((patches[0]!.body as UpdateAction).milestones).toEqual([{ date: '2022-04', label: null, completed_on: null }]);

    await user.click(within(notice).getByRole('button', { name: 'Save my version over theirs' }));
    await waitFor(() => expect(calls).toBe(2));
    const again = server.callsTo('PATCH', `/api/v1/actions/${ACTION_1}`)[1]!;
    expect(again.headers.get('If-Match')).toBe('"2"');
    expect((again.body as UpdateAction).proposed_actions).toBe('My new wording.');
    expect(await screen.findByText('Action 1 was saved')).toBeInTheDocument();
  });

  it('agrees the plan with the month the committee agreed it', async () => {
    const { user, server, plan } = setup({
      patchPlan: (_b, ifMatch) => (ifMatch === '"1"' ? { ...plan, status: 'agreed', version: 2 } : problem(412, 'Precondition Failed')),
    });
    const form = await screen.findByRole('form', { name: 'Agree the plan' });
    const date = within(form).getByRole('group', { name: 'Date agreed' });
    await user.click(within(form).getByRole('button', { name: 'Agree the plan' }));
    expect(await screen.findByRole('link', { name: 'Date agreed: enter when the committee agreed the plan' })).toHaveAttribute(
      'href',
      '#plan-agreed-on-mm',
    );
    await user.type(within(date).getByRole('textbox', { name: 'Month' }), '3');
    await user.type(within(date).getByRole('textbox', { name: 'Year' }), '2022');
    await user.click(within(form).getByRole('button', { name: 'Agree the plan' }));
    await waitFor(() => expect(server.callsTo('PATCH', `/api/v1/action-plans/${PLAN_ID}`)).toHaveLength(1));
    const call = server.callsTo('PATCH', `/api/v1/action-plans/${PLAN_ID}`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"1"');
    expect(call.body).toEqual({ title: plan.title, agreed_on: '2022-03', status: 'agreed' });
    expect(await screen.findByText('The plan was agreed')).toBeInTheDocument();
  });

  it('asks for a reason to amend an agreed plan, and withdraws an action with its reason', async () => {
    const { user, server } = setup({ plan: actionPlan({ amendment_count: 1 }) });
    const rec1 = await screen.findByRole('region', { name: 'Recommendation 1' });
    await user.click(within(rec1).getByRole('button', { name: 'Withdraw action 1' }));
    const form = within(rec1).getByRole('form', { name: 'Withdraw action 1' });
    await user.type(within(form).getByLabelText('Reason for withdrawing'), 'Superseded by the force-wide plan');
    await user.click(within(form).getByRole('button', { name: 'Withdraw action' }));
    expect(
      await within(form).findByRole('link', { name: /^Reason for the amendment: the plan is agreed/ }),
    ).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Reason for the amendment'), 'Agreed at committee, May 2022');
    await user.click(within(form).getByRole('button', { name: 'Withdraw action' }));
    await waitFor(() => expect(server.callsTo('POST', `/api/v1/actions/${ACTION_1}/withdrawal`)).toHaveLength(1));
    const call = server.callsTo('POST', `/api/v1/actions/${ACTION_1}/withdrawal`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"1"');
    expect(call.body as Withdrawal).toEqual({
      reason: 'Superseded by the force-wide plan',
      amendment_reason: 'Agreed at committee, May 2022',
    });
    expect(await screen.findByText('Action 1 was withdrawn')).toBeInTheDocument();
    // An agreed plan shows its amendments.
    expect(screen.getByRole('heading', { name: 'Amendments' })).toBeInTheDocument();
  });

  it('marks an action complete with its progress notes', async () => {
    const { user, server } = setup();
    const rec1 = await screen.findByRole('region', { name: 'Recommendation 1' });
    await user.click(within(rec1).getByRole('button', { name: 'Mark complete: action 1' }));
    await user.click(within(rec1).getByRole('button', { name: 'Mark as complete' }));
    await waitFor(() => expect(server.callsTo('POST', `/api/v1/actions/${ACTION_1}/completion`)).toHaveLength(1));
    expect(server.callsTo('POST', `/api/v1/actions/${ACTION_1}/completion`)[0]!.body).toEqual({ status_notes: 'Action complete' });
  });

  it("pages through the plan's history", async () => {
    const { user } = setup({
      history: (cursor) =>
        cursor
          ? { items: [event({ action: 'action_plan.created', before: null, after: snap({ status: 'draft' }) })] }
          : {
              items: [
                event({
                  before: snap({ status: 'draft', agreed_on_display: null }),
                  after: snap({ status: 'agreed', agreed_on_display: 'March 2022' }),
                }),
              ],
              next_cursor: 'c2',
            },
    });
    const history = await screen.findByRole('list', { name: 'Changes to the plan, newest first' });
    expect(within(history).getByText('Plan details changed')).toBeInTheDocument();
    expect(history).toHaveTextContent('Status: Agreed');
    expect(history).toHaveTextContent('Date agreed: March 2022');
    await user.click(screen.getByRole('link', { name: 'Next page' }));
    expect(await screen.findByText('Plan started')).toBeInTheDocument();
  });

  it('is not for partners', async () => {
    setup({ who: contributor() });
    expect(await screen.findByText('Only council officers can edit action plans.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add an action' })).not.toBeInTheDocument();
  });
});

describe('starting a plan from the review page', () => {
  it('starts a draft plan and opens the editor', async () => {
    signedIn();
    let created = false;
    const plan = actionPlan({ status: 'draft', actions: [], agreed_on: null, agreed_on_precision: null, agreed_on_display: null });
    const server = mockApi()
      .get('/api/v1/me', () => me())
      .get('/api/v1/committees/:id', () => problem(404, 'Not found'))
      .get(`/api/v1/reviews/${REVIEW_ID}/action-plan`, () => (created ? plan : problem(404, 'Not found')))
      .get('/api/v1/reviews/:id', () => reviewDetail({ action_plan: created ? plan : null }))
      .get(`/api/v1/action-plans/${PLAN_ID}/history`, () => ({ items: [] }))
      .get('/api/v1/organisations', () => ({ items: [] }))
      .get('/api/v1/contacts', () => ({ items: [] }))
      .on('PUT', `/api/v1/reviews/${REVIEW_ID}/action-plan`, () => {
        created = true;
        return json(plan, 201);
      });
    const { user } = renderApp(`/reviews/${REVIEW_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Start an action plan' }));
    expect(await screen.findByRole('heading', { level: 1, name: /Edit the action plan/ })).toBeInTheDocument();
    expect(server.callsTo('PUT', `/api/v1/reviews/${REVIEW_ID}/action-plan`)[0]!.body).toEqual({});
    expect(await screen.findByText('The plan has no actions yet.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add an action' })).toBeInTheDocument();
  });

  it('links staff to the editor when the review has a plan, and shows partners no controls', async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () => contributor())
      .get('/api/v1/committees/:id', () => problem(404, 'Not found'))
      .get('/api/v1/reviews/:id', () => reviewDetail());
    renderApp(`/reviews/${REVIEW_ID}`);
    await screen.findByRole('table', { name: 'Actions' });
    expect(screen.queryByRole('link', { name: 'Edit the action plan' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start an action plan' })).not.toBeInTheDocument();
  });
});
