import { screen, waitFor, within } from '@testing-library/react';
import type { AcceptEntry, ProgressEntry, ValidateEntry } from '@/api/types';
import { ENTRY_ID, grade, me, submittedEntry } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const PATH = `/api/v1/progress-entries/${ENTRY_ID}`;

function validated(officer: string, overrides: Partial<ProgressEntry> = {}): ProgressEntry {
  return submittedEntry({
    state: 'validated',
    state_label: 'Validated by officer',
    allowed_transitions: ['accepted', 'returned'],
    officer_reason: officer === '3' ? null : 'The protocol is not yet agreed.',
    validated_by: 'Marc Stephenson',
    validated_at: '2023-05-04T10:00:00Z',
    grades: {
      proposed: grade('3'),
      officer: grade(officer),
      current: grade(officer),
      proposed_differs_from_officer: officer !== '3',
      officer_differs_from_accepted: false,
      proposed_differs_from_accepted: false,
    },
    ...overrides,
  });
}

function setup(entry: ProgressEntry, routes: (server: ReturnType<typeof mockApi>) => void = () => {}) {
  signedIn();
  const server = mockApi()
    .get('/api/v1/me', () => me())
    .get(PATH, () => json(entry));
  routes(server);
  return { server, ...renderApp(`/progress-entries/${ENTRY_ID}`) };
}

describe("the officer's assessment", () => {
  it('shows the proposed grade beside the choice of the officer’s grade', async () => {
    setup(submittedEntry());
    const form = await screen.findByRole('form', { name: 'Validate the grade' });
    const proposed = within(form).getByRole('heading', { name: 'Proposed by Cleveland Police' }).parentElement!;
    expect(proposed).toHaveTextContent('3 (Slipped)');
    expect(proposed).toHaveTextContent('Staff turnover has diluted the focus on each ward.');
    // The officer's grade starts at the proposed one.
    expect(within(form).getByLabelText('3 (Slipped)')).toBeChecked();
    expect(screen.getByRole('form', { name: 'Or return it to Cleveland Police' })).toBeInTheDocument();
    // The partner's report is there to read, not to edit.
    expect(screen.queryByLabelText(/Evidence of progress/)).not.toBeInTheDocument();
    expect(screen.getByText('All ward PCSOs make monthly contact with their councillors.')).toBeInTheDocument();
  });

  it("validates with a different grade, showing the API's demand for a reason by the field", async () => {
    let calls = 0;
    const { user, server } = setup(submittedEntry(), (s) =>
      s.post(`${PATH}/validate`, (call) => {
        calls += 1;
        const body = call.body as ValidateEntry;
        if (!body.reason) {
          return problem(422, 'Unprocessable Entity', {
            errors: [{ field: 'reason', message: 'the grade 4 differs from the proposed grade 3: give a reason' }],
          });
        }
        return json(validated('4'));
      }),
    );
    const form = await screen.findByRole('form', { name: 'Validate the grade' });
    await user.click(within(form).getByLabelText('4 (Not Achieved)'));
    expect(screen.getByLabelText('Reason for a different grade')).toHaveAccessibleDescription(
      expect.stringContaining('Required: your grade differs from the proposed grade'),
    );
    await user.click(within(form).getByRole('button', { name: 'Validate' }));

    const link = await screen.findByRole('link', {
      name: 'Reason for a different grade: the grade 4 differs from the proposed grade 3: give a reason',
    });
    expect(link).toHaveAttribute('href', '#reason');
    await user.click(link);
    expect(screen.getByLabelText('Reason for a different grade')).toHaveFocus();

    await user.type(screen.getByLabelText('Reason for a different grade'), 'The protocol is not yet agreed.');
    await user.click(within(form).getByRole('button', { name: 'Validate' }));
    expect(await screen.findByText('Recommendation 2 is validated at 4 (Not Achieved).')).toBeInTheDocument();
    expect(calls).toBe(2);
    expect(server.callsTo('POST', `${PATH}/validate`).at(-1)!.body).toEqual({
      grade: '4',
      reason: 'The protocol is not yet agreed.',
      override_reason: null,
    });
    // The grades side by side, the difference said in words.
    const table = screen.getByRole('table', { name: 'Grades' });
    expect(within(table).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '3 (Slipped)',
      '4 (Not Achieved)differs from proposed',
      '–',
    ]);
    expect(screen.getByText("The officer's grade differs from the proposed grade.")).toBeInTheDocument();
  });

  it('returns it with comments', async () => {
    const { user, server } = setup(submittedEntry(), (s) =>
      s.post(`${PATH}/return`, () =>
        json(
          submittedEntry({
            state: 'returned',
            state_label: 'Returned with comments',
            allowed_transitions: ['submitted'],
            return_comments: 'Please add the Southside figures.',
          }),
        ),
      ),
    );
    await user.type(await screen.findByLabelText('Comments for the partner'), 'Please add the Southside figures.');
    await user.click(screen.getByRole('button', { name: 'Return with comments' }));
    expect(
      await screen.findByText('Recommendation 2 is returned to Cleveland Police with your comments.'),
    ).toBeInTheDocument();
    expect(server.callsTo('POST', `${PATH}/return`)[0]!.body).toEqual({ comments: 'Please add the Southside figures.' });
    expect(screen.getByRole('heading', { name: 'Returned with comments' }).parentElement).toHaveTextContent(
      'Please add the Southside figures.',
    );
  });

  it('says when returning needs comments, from the API', async () => {
    const { user } = setup(submittedEntry(), (s) =>
      s.post(`${PATH}/return`, () =>
        problem(422, 'Unprocessable Entity', {
          errors: [{ field: 'comments', message: 'is required: say what the partner should change' }],
        }),
      ),
    );
    await user.click(await screen.findByRole('button', { name: 'Return with comments' }));
    expect(
      await screen.findByRole('link', { name: 'Comments for the partner: is required: say what the partner should change' }),
    ).toHaveAttribute('href', '#comments');
  });

  it("records the committee's acceptance with grade, meeting date and minute reference", async () => {
    const { user, server } = setup(validated('4'), (s) =>
      s.post(`${PATH}/accept`, () =>
        json(
          validated('4', {
            state: 'accepted',
            state_label: 'Accepted by committee',
            allowed_transitions: [],
            accepted_meeting_date: '2023-05-25',
            minute_reference: 'CDSC 25/05/23 minute 6',
            grades: {
              proposed: grade('3'),
              officer: grade('4'),
              accepted: grade('4'),
              current: grade('4'),
              proposed_differs_from_officer: true,
              officer_differs_from_accepted: false,
              proposed_differs_from_accepted: true,
            },
          }),
        ),
      ),
    );
    const section = await screen.findByRole('region', { name: "Record the committee's acceptance" });
    // Prefilled: the officer's grade and the round's meeting.
    expect(within(section).getByLabelText('4 (Not Achieved)')).toBeChecked();
    expect(within(section).getByLabelText('Day')).toHaveValue('25');
    expect(within(section).getByLabelText('Month')).toHaveValue('5');
    expect(within(section).getByLabelText('Year')).toHaveValue('2023');
    await user.type(within(section).getByLabelText('Minute reference (optional)'), 'CDSC 25/05/23 minute 6');
    await user.click(within(section).getByRole('button', { name: 'Record acceptance' }));
    expect(await screen.findByText(/The committee's acceptance of recommendation 2 at 4 \(Not Achieved\) is recorded/)).toBeInTheDocument();
    expect(server.callsTo('POST', `${PATH}/accept`)[0]!.body as AcceptEntry).toEqual({
      grade: '4',
      meeting_date: '2023-05-25',
      minute_reference: 'CDSC 25/05/23 minute 6',
    });
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: "Record the committee's acceptance" })).not.toBeInTheDocument(),
    );
  });

  it('refuses a meeting date that is not a real day before asking the API', async () => {
    const { user, server } = setup(validated('3'));
    const section = await screen.findByRole('region', { name: "Record the committee's acceptance" });
    await user.clear(within(section).getByLabelText('Day'));
    await user.type(within(section).getByLabelText('Day'), '31');
    await user.clear(within(section).getByLabelText('Month'));
    await user.type(within(section).getByLabelText('Month'), '2');
    await user.click(within(section).getByRole('button', { name: 'Record acceptance' }));
    expect(
      await screen.findByRole('link', { name: /Committee meeting date: must be a real date/ }),
    ).toHaveAttribute('href', '#meeting_date-day');
    expect(server.callsTo('POST', `${PATH}/accept`)).toHaveLength(0);
  });

  it('shows a contributor their submitted update without the assessment', async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () =>
        me({ role: 'contributor', organisation: { id: 'x', name: 'Cleveland Police', kind: 'police' } }),
      )
      .get(PATH, () => json(submittedEntry()));
    renderApp(`/progress-entries/${ENTRY_ID}`);
    expect(await screen.findByText('All ward PCSOs make monthly contact with their councillors.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Validate the grade' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Return with comments' })).not.toBeInTheDocument();
  });
});
