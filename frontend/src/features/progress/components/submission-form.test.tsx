import { screen, waitFor, within } from '@testing-library/react';
import type { ProgressEntry, UpdateProgressEntry } from '@/api/types';
import { contributor, COUNCIL_ID, ENTRY_ID, grade, progressEntry, submittedEntry } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const PATH = `/api/v1/progress-entries/${ENTRY_ID}`;
const SAVED = { timeout: 5000 };

/** The API: one draft entry that PATCH changes (with If-Match) and submit moves on. */
type Store = { current: ProgressEntry };

function setup(
  options: {
    settings?: unknown;
    submit?: () => Response;
    patch?: (body: UpdateProgressEntry, ifMatch: string | null, store: Store) => Response | null;
  } = {},
) {
  signedIn();
  const store: Store = { current: progressEntry() };
  const server = mockApi()
    .get('/api/v1/me', () => contributor())
    .get(PATH, () => json(store.current, 200, { ETag: `"${store.current.version}"` }))
    .get(`/api/v1/councils/${COUNCIL_ID}/settings`, () => options.settings ?? problem(404, 'Not Found'))
    .on('PATCH', PATH, (call) => {
      const body = call.body as UpdateProgressEntry;
      const answer = options.patch?.(body, call.headers.get('If-Match'), store);
      if (answer) return answer;
      const current = store.current;
      if (call.headers.get('If-Match') !== `"${current.version}"`) return problem(412, 'Precondition Failed');
      store.current = {
        ...current,
        version: current.version + 1,
        progress: body.progress ?? null,
        proposed_explanation: body.proposed_explanation ?? null,
        grades: { ...current.grades, proposed: body.proposed_grade ? grade(body.proposed_grade) : null },
      };
      return json(store.current);
    })
    .post(`${PATH}/submit`, () =>
      options.submit ? options.submit() : json(submittedEntry({ version: store.current.version + 1 })),
    );
  return { server, ...renderApp(`/progress-entries/${ENTRY_ID}`) };
}


/** The autosave's live region (the upload's, beside it, is another). */
function saveStatus(): HTMLElement {
  return screen.getAllByRole('status').find((s) => s.classList.contains('app-save-status'))!;
}

describe("the contributor's submission form", () => {
  it('saves the draft as they type, with If-Match', async () => {
    const { user, server } = setup();
    const evidence = await screen.findByLabelText(/Evidence of progress \(May 2023\)/);
    await user.type(evidence, 'Monthly contact');
    await waitFor(() => expect(saveStatus()).toHaveTextContent(/Draft saved at \d\d:\d\d/), SAVED);
    const patches = server.callsTo('PATCH', PATH);
    expect(patches.length).toBeGreaterThanOrEqual(1);
    expect(patches[0]!.headers.get('If-Match')).toBe('"3"');
    expect((patches.at(-1)!.body as UpdateProgressEntry).progress).toBe('Monthly contact');
    // Debounced: far fewer saves than keystrokes.
    expect(patches.length).toBeLessThan(4);
  });

  it("shows the API's 422 messages as an error summary linked to the fields", async () => {
    const { user } = setup({
      submit: () =>
        problem(422, 'Unprocessable Entity', {
          errors: [
            { field: 'proposed_explanation', message: 'a grade of 3 (Slipped) needs an explanation' },
            {
              field: 'impact',
              message: 'must give the evidence of impact, or state that no assessment of impact was undertaken',
            },
          ],
        }),
    });
    await user.type(await screen.findByLabelText(/Evidence of progress/), 'Monthly contact with councillors.');
    await user.click(screen.getByLabelText('3 (Slipped)'));
    await user.click(screen.getByRole('button', { name: 'Submit to the council' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('There is a problem')).toBeInTheDocument();
    const explanation = within(summary).getByRole('link', {
      name: 'Explanation of the grade: a grade of 3 (Slipped) needs an explanation',
    });
    expect(explanation).toHaveAttribute('href', '#proposed_explanation');
    expect(within(summary).getByRole('link', { name: /^Evidence of impact: must give the evidence/ })).toHaveAttribute(
      'href',
      '#impact',
    );
    // The summary takes focus; each message is also by its field, tied to it for screen readers.
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
    const field = screen.getByLabelText('Explanation of the grade');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('a grade of 3 (Slipped) needs an explanation'));
    expect(field).toHaveClass('govuk-textarea--error');
    await waitFor(() => expect(document.title).toMatch(/^Error: /));

    // The link moves focus to the field; nothing typed is lost.
    await user.click(explanation);
    expect(field).toHaveFocus();
    expect(screen.getByLabelText(/Evidence of progress/)).toHaveValue('Monthly contact with councillors.');

    // Once the field is changed its message goes; the others stay until the next attempt.
    await user.type(field, 'Staff turnover.');
    expect(field).not.toHaveClass('govuk-textarea--error');
    expect(within(summary).queryByRole('link', { name: /^Explanation of the grade/ })).not.toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: /^Evidence of impact/ })).toBeInTheDocument();
  });

  it('links a key figure the API refused to its row', async () => {
    const { user } = setup({
      patch: (body) =>
        body.key_figures?.length
          ? problem(422, 'Unprocessable Entity', {
              errors: [{ field: 'key_figures[0].value', message: 'must be a number such as 95.2 or 102' }],
            })
          : null,
    });
    await user.click(await screen.findByRole('button', { name: 'Add a key figure' }));
    await user.type(screen.getByLabelText('What it measures'), 'VCOP compliance');
    await user.type(screen.getByLabelText('Figure'), 'about 95');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    const link = await screen.findByRole('link', {
      name: 'Key figure 1, figure: must be a number such as 95.2 or 102',
    });
    const figure = screen.getByLabelText('Figure');
    expect(link).toHaveAttribute('href', `#${figure.id}`);
    expect(figure).toHaveAccessibleDescription(expect.stringContaining('must be a number'));
    expect(figure).toHaveValue('about 95');
  });

  it('asks for an explanation only through the hint until the API says so', async () => {
    setup();
    const radios = await screen.findByRole('group', { name: /Assessment of progress/ });
    expect(within(radios).getAllByRole('radio').map((r) => r.closest('.govuk-radios__item')?.textContent)).toEqual([
      '1 (Fully Achieved)Closes the recommendation once the committee accepts it',
      '2 (On-Track)',
      '3 (Slipped)Needs an explanation',
      '4 (Not Achieved)Needs an explanation',
    ]);
    expect(screen.getByLabelText('Explanation of the grade')).toHaveAccessibleDescription(
      'Required for 3 (Slipped) and 4 (Not Achieved); optional otherwise.',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers evidence of impact or the explicit statement that none was assessed', async () => {
    const { user, server } = setup();
    await user.click(await screen.findByLabelText('No assessment of impact undertaken'));
    await waitFor(() => expect(server.callsTo('PATCH', PATH).length).toBe(1), SAVED);
    expect((server.callsTo('PATCH', PATH)[0]!.body as UpdateProgressEntry).impact).toEqual({ kind: 'none_undertaken' });
    await user.click(screen.getByLabelText('Give evidence of impact'));
    expect(screen.getByRole('textbox', { name: 'Evidence of impact' })).toBeInTheDocument();
  });

  it('says when someone else changed it, shows what, and keeps what they typed', async () => {
    const theirs = progressEntry({
      version: 7,
      progress: 'Their account of the progress.',
      written_by: 'Sam Colleague',
      written_at: '2023-05-03T10:00:00Z',
    });
    const { user, server } = setup({
      // Someone else saved version 7 just before the first save of this page.
      patch: (_body, ifMatch, store) => {
        if (store.current.version === 3) {
          store.current = theirs;
          return problem(412, 'Precondition Failed');
        }
        return ifMatch === '"7"' ? null : problem(412, 'Precondition Failed');
      },
    });
    const evidence = await screen.findByLabelText(/Evidence of progress/);
    await user.type(evidence, 'My own words');
    const banner = await screen.findByRole('alert', {}, SAVED);
    expect(banner).toHaveTextContent('Sam Colleague changed this update');
    expect(banner).toHaveTextContent('Their account of the progress.');
    expect(evidence).toHaveValue('My own words');
    expect(saveStatus()).toHaveTextContent('someone else changed this update');

    await user.click(within(banner).getByRole('button', { name: 'Save my version over theirs' }));
    await waitFor(() => expect(saveStatus()).toHaveTextContent(/Draft saved at/), SAVED);
    expect(server.callsTo('PATCH', PATH).at(-1)!.headers.get('If-Match')).toBe('"7"');
    expect(evidence).toHaveValue('My own words');
  });

  it('submits, and then shows the update read-only', async () => {
    const { user, server } = setup();
    await user.type(await screen.findByLabelText(/Evidence of progress/), 'Done.');
    await user.click(screen.getByRole('button', { name: 'Submit to the council' }));
    expect(await screen.findByText(/Your update on recommendation 2 is submitted/)).toBeInTheDocument();
    expect(server.callsTo('POST', `${PATH}/submit`)).toHaveLength(1);
    // The draft was saved before submitting.
    expect((server.callsTo('PATCH', PATH).at(-1)!.body as UpdateProgressEntry).progress).toBe('Done.');
    expect(screen.queryByRole('button', { name: 'Submit to the council' })).not.toBeInTheDocument();
    expect(screen.getByText(/You can change it again only if the council returns it to you/)).toBeInTheDocument();
  });

  it("offers the council's own grading scale, with the levels that need an explanation", async () => {
    const rag = {
      name: 'RAG',
      levels: [
        { code: 'Green', label: 'Achieved', order: 1, closes: true, explanation_required: false },
        { code: 'Amber', label: 'In progress', order: 2, closes: false, explanation_required: true },
        { code: 'Red', label: 'Not achieved', order: 3, closes: false, explanation_required: true },
      ],
    };
    const { user, server } = setup({
      settings: {
        council_id: COUNCIL_ID,
        calendar_id: COUNCIL_ID,
        call_in_working_days: 5,
        call_in_end_time: '23:59',
        time_zone: 'Europe/London',
        first_update_months: 12,
        grade_scale: rag,
        reminder_days_before: 14,
        chaser_interval_days: 7,
        is_default: false,
        version: 2,
      },
    });
    const amber = await screen.findByRole('radio', { name: 'Amber (In progress)' });
    const group = screen.getByRole('group', { name: /Assessment of progress/ });
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['Green', 'Amber', 'Red']);
    expect(group).toHaveTextContent('Amber (In progress) and Red (Not achieved) need an explanation');
    expect(screen.queryByRole('radio', { name: '3 (Slipped)' })).not.toBeInTheDocument();
    await user.click(amber);
    await waitFor(
      () => expect((server.callsTo('PATCH', PATH).at(-1)?.body as UpdateProgressEntry | undefined)?.proposed_grade).toBe('Amber'),
      SAVED,
    );
  });
});
