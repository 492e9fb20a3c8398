import { screen, waitFor, within } from '@testing-library/react';
import type { ImportOutcome, ImportProblem } from '@/api/types';
import { actionPlan, me, progressRound, REVIEW_ID, reviewDetail, ROUND_ID } from '@/testing/fixtures';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

/** The page is lazy-loaded: the first look waits longer when the machine is busy. */
const LOADED = { timeout: 5000 };
const IMPORT = `/api/v1/reviews/${REVIEW_ID}/imports/action-plan`;

type Sent = {
  /** The request's address as sent (its query encoded). */
  url: string;
  query: Record<string, string>;
  file: File | null;
  /** The body as text, when it is not a form (a pasted table). */
  text: string | null;
  contentType: string | null;
  key: string | null;
};

const REPORT = {
  rows_read: 3,
  rows_rejected: 1,
  issues: [
    {
      row: 7,
      column: 'Date',
      value: '31 February 2022',
      severity: 'rejected',
      reason: 'not a date: "31 February 2022": February 2022 has 28 days, so there is no day 31',
    },
    { row: 9, column: 'Responsibility', value: 'C/Supt Lang', severity: 'guessed', reason: 'a new contact is added' },
  ],
};

function outcome(
  state: 'dry_run' | 'committed',
  result: unknown = null,
  report: ImportOutcome['report'] = REPORT,
  proposed: ImportOutcome['proposed_contacts'] = [],
): ImportOutcome {
  return {
    import: {
      id: '00000000-0000-4000-8000-00000000a001',
      council_id: '00000000-0000-4000-8000-000000000001',
      review_id: REVIEW_ID,
      kind: 'action_plan',
      format: 'csv',
      file_name: 'plan.csv',
      file_sha256: 'abc',
      size_bytes: 120,
      state,
      skip_invalid: state === 'committed',
      created_by: 'Marc Stephenson',
      created_at: '2022-03-15T10:00:00Z',
      result: result as ImportOutcome['import']['result'],
    },
    already_imported: false,
    parsed: {
      title: 'ACTION PLAN: Review of Police Communications in Stockton-on-Tees',
      recommendations: [
        {
          number: '1',
          text: 'That Cleveland Police and SBC develop a communications protocol.',
          parts: [],
          row: 2,
          actions: [
            {
              part: null,
              proposed_actions: 'Develop a protocol',
              success_measures: ['Protocol agreed'],
              responsibility: 'Cleveland Police',
              owners: ['Cleveland Police'],
              milestones: [{ date: '2022-05', precision: 'month', display: 'May 2022', label: null, text: 'May 2022' }],
              status_notes: null,
              row: 2,
            },
          ],
        },
        {
          number: '2',
          text: 'As part of the protocol:',
          parts: [
            { label: 'a', text: 'Monthly contact' },
            { label: 'b', text: 'Named officers' },
          ],
          row: 4,
          actions: [],
        },
      ],
    } as unknown as ImportOutcome['parsed'],
    report,
    proposed_contacts: proposed,
    statuses: [],
    committees: [],
  };
}

/** The review page's API, and the import endpoint answering `answer` for each request it reads. */
function setup(answer: (sent: Sent) => Response, detail = reviewDetail({ action_plan: actionPlan({ status: 'draft' }) })) {
  signedIn();
  const server = mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/reviews/:id', () => detail);
  const sent: Sent[] = [];
  const api = server.fetch;
  // The upload is multipart, or a pasted table's text: read it here, before the JSON-only mock sees it.
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === IMPORT) {
      const contentType = request.headers.get('content-type');
      const multipart = contentType?.startsWith('multipart/form-data') ?? false;
      const file = multipart ? (await request.formData()).get('file') : null;
      const one: Sent = {
        url: request.url,
        query: Object.fromEntries(url.searchParams),
        file: typeof file === 'object' && file !== null ? (file as File) : null,
        text: multipart ? null : await request.text(),
        contentType,
        key: request.headers.get('Idempotency-Key'),
      };
      sent.push(one);
      return answer(one);
    }
    return api(request);
  });
  return { sent, ...renderApp(`/reviews/${REVIEW_ID}/imports/action-plan`) };
}

function csv(): File {
  return new File(['No.,Recommendation\n1,That…'], 'plan.csv', { type: 'text/csv' });
}

describe('importing an action plan', () => {
  it('checks the file with a dry run and shows what was read and the row report', async () => {
    const append = vi.spyOn(FormData.prototype, 'append');
    const { user, sent } = setup(() => json(outcome('dry_run')));
    const input = await screen.findByLabelText('Upload a file', {}, LOADED);
    expect(input).toHaveAttribute('accept', expect.stringContaining('.xlsx'));
    await user.upload(input, csv());
    await user.click(screen.getByRole('button', { name: 'Check the file' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Check the action plan before importing' })).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    // Every proposed new contact starts ticked: the first check asks for them all.
    expect(sent[0]!.query).toEqual({ dry_run: 'true', create_contacts: 'all' });
    expect(sent[0]!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent[0]!.file).not.toBeNull();
    // The form's `file` part carries the file under its own name (the API tells the format by it).
    expect(append).toHaveBeenCalledWith('file', expect.objectContaining({ name: 'plan.csv' }), 'plan.csv');

    // The rejected row, as an error summary linking to its row of the report.
    const summary = screen.getByRole('alert');
    expect(within(summary).getByText('Some rows cannot be imported')).toBeInTheDocument();
    const link = within(summary).getByRole('link', { name: /Row 7, Date: not a date/ });
    expect(link).toHaveAttribute('href', '#import-issue-1');

    // What was read.
    const parsed = screen.getByRole('table', { name: 'Recommendations in the file (2)' });
    const rows = within(parsed).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).getByText('Cleveland Police')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('May 2022')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('a) b)')).toBeInTheDocument();

    // The row report: row, column, value, outcome and why.
    const report = screen.getByRole('table', { name: 'Row report: 2 problems found' });
    const first = within(report).getAllByRole('row')[1]!;
    expect(within(first).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '7',
      'Date',
      '31 February 2022',
      'Cannot be imported',
      'not a date: "31 February 2022": February 2022 has 28 days, so there is no day 31',
    ]);
    expect(screen.getByText('Rows that cannot be imported').nextElementSibling).toHaveTextContent('1');
  });

  it('commits skipping the rows with errors, then says what was done', async () => {
    const { user, sent } = setup((s) =>
      s.query.dry_run === 'false'
        ? json(
            outcome('committed', {
              plan_id: 'p',
              recommendations_created: ['r1', 'r2'],
              parts_created: ['a', 'b'],
              actions_created: ['x'],
            }),
            201,
          )
        : json(outcome('dry_run')),
    );
    await user.upload(await screen.findByLabelText('Upload a file', {}, LOADED), csv());
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await user.click(await screen.findByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Import the action plan' })).toBeInTheDocument();
    await user.click(screen.getByLabelText('Skip the 1 row with errors and import the rest'));
    await user.click(screen.getByRole('button', { name: 'Import the action plan' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Action plan imported' })).toBeInTheDocument();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.query).toEqual({ dry_run: 'false', skip_invalid: 'true' });
    expect(sent[1]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByText('2 recommendations added')).toBeInTheDocument();
    expect(screen.getByText('1 action added')).toBeInTheDocument();
    expect(screen.getByText(/1 row with errors was not imported/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go back to the review' })).toHaveAttribute(
      'href',
      `/reviews/${REVIEW_ID}#action-plan`,
    );
  });

  it('all or nothing: a commit refused for rejected rows goes back to the report', async () => {
    const rejected: ImportProblem = {
      type: '/problems/import-rejected',
      title: 'The file has rows that cannot be imported',
      status: 422,
      detail: '1 row(s) are rejected, so nothing was imported. Correct them, or send skip_invalid=true to import the rest.',
      errors: [{ field: 'row 7: Date', message: 'not a date' }],
      report: REPORT,
    };
    const { user, sent } = setup((s) =>
      s.query.dry_run === 'false'
        ? new Response(JSON.stringify(rejected), { status: 422, headers: { 'content-type': 'application/problem+json' } })
        : json(outcome('dry_run')),
    );
    await user.upload(await screen.findByLabelText('Upload a file', {}, LOADED), csv());
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Import the action plan' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Nothing was imported. 1 row(s) are rejected');
    expect(screen.getByRole('heading', { level: 1, name: 'Check the action plan before importing' })).toBeInTheDocument();
    expect(sent[1]!.query).toEqual({ dry_run: 'false' });
  });

  it('shows a file the API cannot read against the file field', async () => {
    const { user } = setup(
      () =>
        new Response(
          JSON.stringify({
            type: '/problems/validation',
            title: 'The request has invalid fields',
            status: 422,
            errors: [{ field: 'file', message: 'is not text, CSV or an XLSX workbook' }],
          }),
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        ),
    );
    const input = await screen.findByLabelText('Upload a file', {}, LOADED);
    await user.upload(input, new File(['not a workbook'], 'plan.xlsx'));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));

    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'File: is not text, CSV or an XLSX workbook' });
    expect(link).toHaveAttribute('href', '#file');
    expect(input).toHaveAccessibleDescription(/File: is not text, CSV or an XLSX workbook/);
    await waitFor(() => expect(document.title).toMatch(/^Error: /));
  });

  it('asks for a file before sending anything', async () => {
    const { user, sent } = setup(() => json(outcome('dry_run')));
    await user.click(await screen.findByRole('button', { name: 'Check the file' }, LOADED));
    expect(await screen.findByRole('link', { name: 'Select a file to import' })).toHaveAttribute('href', '#file');
    expect(sent).toHaveLength(0);
  });

  it('needs a reason to amend an agreed plan', async () => {
    const { user, sent } = setup(
      (s) => (s.query.dry_run === 'false' ? json(outcome('committed', { actions_created: ['x'] }), 201) : json(outcome('dry_run'))),
      reviewDetail({ action_plan: actionPlan({ status: 'agreed' }) }),
    );
    await user.upload(await screen.findByLabelText('Upload a file', {}, LOADED), csv());
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Import the action plan' }));
    expect(await screen.findByRole('link', { name: 'Say why the agreed action plan is being amended' })).toBeInTheDocument();
    expect(sent).toHaveLength(1);

    await user.type(screen.getByLabelText('Why is the agreed action plan being amended?'), 'Committee added an action');
    await user.click(screen.getByLabelText('Skip the 1 row with errors and import the rest'));
    await user.click(screen.getByRole('button', { name: 'Import the action plan' }));
    await screen.findByRole('heading', { level: 1, name: 'Action plan imported' });
    expect(sent[1]!.query).toEqual({
      dry_run: 'false',
      skip_invalid: 'true',
      amendment_reason: 'Committee added an action',
    });
  });
});

const POLICE = '00000000-0000-4000-8000-00000000b001';
const COUNCIL = '00000000-0000-4000-8000-000000000001';

/** The people the file names whom the council does not know, and the rows naming them. */
const PEOPLE = [
  {
    name: 'Insp Smith',
    organisation_id: POLICE,
    organisation_name: 'Cleveland Police',
    because: 'a police rank',
    rows: [2, 5],
    candidates: [{ id: '00000000-0000-4000-8000-00000000c001', name: 'Sgt John Smith', organisation_id: POLICE }],
  },
  {
    name: 'C/Supt Lang',
    organisation_id: POLICE,
    organisation_name: 'Cleveland Police',
    because: 'a police rank',
    rows: [3],
    candidates: [],
  },
  {
    name: 'Steve Hume',
    organisation_id: COUNCIL,
    organisation_name: 'Stockton-on-Tees Borough Council',
    because: 'the council of the review',
    rows: [3],
    candidates: [],
  },
];

function accepts(createContacts: string | undefined, name: string): boolean {
  if (!createContacts) return false;
  return createContacts === 'all' || createContacts.split('\n').includes(name);
}

/**
 * The API's answer for `create_contacts`, as it reads: the people it names are proposed (and
 * accepted when asked for); an action naming one not accepted is rejected, else guessed at.
 */
function withContacts(state: 'dry_run' | 'committed', createContacts: string | undefined, result: unknown = null) {
  const proposed = PEOPLE.map((p) => ({ ...p, accepted: accepts(createContacts, p.name) }));
  const issues: ImportOutcome['report']['issues'] = [
    {
      row: 3,
      column: 'Responsibility',
      value: 'C/Supt Lang / Steve Hume',
      severity: 'guessed',
      reason: 'read as 2 people: "C/Supt Lang", "Steve Hume"',
    },
    {
      row: 4,
      column: 'Success Measures',
      value: '',
      severity: 'guessed',
      reason: 'no success measure: the action is imported without one',
    },
  ];
  let rejected = 0;
  for (const row of [2, 3, 5]) {
    const named = proposed.filter((p) => p.rows.includes(row));
    const refused = named.filter((p) => !p.accepted);
    if (refused.length > 0) {
      rejected += 1;
      issues.push({
        row,
        column: 'Responsibility',
        value: named.map((p) => p.name).join(' / '),
        severity: 'rejected',
        reason: `the action on this row is not imported yet: ${refused.map((p) => `"${p.name}" (${p.organisation_name})`).join(', ')} not a contact of the council; proposed as new contacts (commit with create_contacts to create them, or correct the name)`,
      });
      continue;
    }
    for (const p of named) {
      issues.push({
        row,
        column: 'Responsibility',
        value: p.name,
        severity: 'guessed',
        reason: `"${p.name}" is created as a new contact at ${p.organisation_name} (${p.because})`,
      });
    }
  }
  return outcome(state, result, { rows_read: 5, rows_rejected: rejected, issues }, proposed);
}

function answerWithContacts(result: unknown = { actions_created: ['x', 'y', 'z'], contacts_created: ['c1', 'c2', 'c3'] }) {
  return (s: Sent) =>
    s.query.dry_run === 'false'
      ? json(withContacts('committed', s.query.create_contacts, result), 201)
      : json(withContacts('dry_run', s.query.create_contacts));
}

describe('importing an action plan that names people the council does not know', () => {
  async function checked(answer = answerWithContacts()) {
    const setupResult = setup(answer);
    await setupResult.user.upload(await screen.findByLabelText('Upload a file', {}, LOADED), csv());
    await setupResult.user.click(screen.getByRole('button', { name: 'Check the file' }));
    await screen.findByRole('heading', { level: 1, name: 'Check the action plan before importing' });
    return setupResult;
  }

  it('proposes each person as a new contact, all ticked, with where they would be made and who they may be', async () => {
    const { sent } = await checked();
    expect(sent[0]!.query).toEqual({ dry_run: 'true', create_contacts: 'all' });

    const group = screen.getByRole('group', { name: 'New contacts to create' });
    expect(group).toHaveTextContent('Actions that name a person you untick are not imported');
    const boxes = within(group).getAllByRole('checkbox');
    expect(boxes).toHaveLength(3);
    expect(boxes.every((b) => (b as HTMLInputElement).checked)).toBe(true);

    const smith = within(group).getByLabelText('Insp Smith');
    expect(smith).toHaveAccessibleDescription(
      'At Cleveland Police (a police rank); named on rows 2, 5 Perhaps the same person as: Sgt John Smith',
    );
    const hume = within(group).getByLabelText('Steve Hume');
    expect(hume).toHaveAccessibleDescription('At Stockton-on-Tees Borough Council (the council of the review); named on row 3');
    expect(hume).not.toHaveAccessibleDescription(/Perhaps/);

    // With all of them created nothing is rejected; the split cell and the new contacts are
    // shown as rows to check, with why.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    const report = screen.getByRole('table', { name: /^Row report/ });
    const row = (text: string) => within(report).getAllByText(text)[0]!.closest('tr')!;
    expect(within(row('read as 2 people: "C/Supt Lang", "Steve Hume"')).getByText('Check')).toBeInTheDocument();
    expect(
      within(row('"Insp Smith" is created as a new contact at Cleveland Police (a police rank)')).getByText('Check'),
    ).toBeInTheDocument();
    expect(within(row('no success measure: the action is imported without one')).getByText('Check')).toBeInTheDocument();
    expect(screen.getByText(/Rows marked ‘Check’ are imported as the ‘Why’ column says/)).toBeInTheDocument();
  });

  it('all ticked: the commit creates them all, and the result says how many contacts were made', async () => {
    const { user, sent } = await checked();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Import the action plan' });
    expect(screen.getByText('The import creates 3 new contacts: Insp Smith, C/Supt Lang, Steve Hume.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import the action plan' }));

    await screen.findByRole('heading', { level: 1, name: 'Action plan imported' });
    expect(sent).toHaveLength(2);
    expect(new URL(sent[1]!.url).search).toBe('?dry_run=false&create_contacts=all');
    expect(screen.getByText('3 actions added')).toBeInTheDocument();
    expect(screen.getByText('3 new contacts created')).toBeInTheDocument();
  });

  it('unticking a person checks the file again and commits creating only the others', async () => {
    const { user, sent } = await checked();
    await user.click(screen.getByLabelText('Steve Hume'));

    // The report no longer says what a commit would do: check again before going on.
    expect(screen.getByText(/You changed the new contacts to create/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Continue' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check again' }));

    const status = await screen.findByText(/Checked again with the new contacts you chose/);
    expect(status).toHaveTextContent('1 row cannot be imported.');
    expect(status).toHaveFocus();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.query).toEqual({ dry_run: 'true', create_contacts: 'Insp Smith\nC/Supt Lang' });
    expect(sent[1]!.url).toContain('create_contacts=Insp%20Smith%0AC%2FSupt%20Lang');
    // The action naming him is rejected now, and still unticked.
    expect(within(screen.getByRole('alert')).getByRole('link', { name: /Row 3, Responsibility: .*"Steve Hume"/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Steve Hume')).not.toBeChecked();
    expect(screen.getByLabelText('Insp Smith')).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Import the action plan' });
    expect(screen.getByText('The import creates 2 new contacts: Insp Smith, C/Supt Lang.')).toBeInTheDocument();
    expect(screen.getByText(/1 person named in the file is not created as a contact/)).toBeInTheDocument();
    await user.click(screen.getByLabelText('Skip the 1 row with errors and import the rest'));
    await user.click(screen.getByRole('button', { name: 'Import the action plan' }));

    await screen.findByRole('heading', { level: 1, name: 'Action plan imported' });
    expect(sent).toHaveLength(3);
    expect(sent[2]!.url).toContain('create_contacts=Insp%20Smith%0AC%2FSupt%20Lang');
    expect(sent[2]!.query).toEqual({ dry_run: 'false', skip_invalid: 'true', create_contacts: 'Insp Smith\nC/Supt Lang' });
  });

  it('ticking the person again needs no new check; unticking everyone sends no create_contacts', async () => {
    const { user, sent } = await checked();
    await user.click(screen.getByLabelText('Insp Smith'));
    expect(screen.getByRole('button', { name: 'Check again' })).toBeInTheDocument();
    await user.click(screen.getByLabelText('Insp Smith'));
    expect(screen.queryByRole('button', { name: 'Check again' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();

    for (const name of ['Insp Smith', 'C/Supt Lang', 'Steve Hume']) await user.click(screen.getByLabelText(name));
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    await screen.findByText(/Checked again with the new contacts you chose: 3 rows cannot be imported/);
    expect(sent[1]!.query).toEqual({ dry_run: 'true' });

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByLabelText('Skip the 3 rows with errors and import the rest'));
    await user.click(screen.getByRole('button', { name: 'Import the action plan' }));
    await screen.findByRole('heading', { level: 1, name: 'Action plan imported' });
    expect(sent[2]!.query).toEqual({ dry_run: 'false', skip_invalid: 'true' });
  });
});

/**
 * A table as Word puts it on the clipboard as plain text: cells split by tabs, rows on lines, and
 * a cell that wraps onto a continuation line (its text in quotes, as Word gives it).
 */
const PASTED_TABLE = [
  'No.\tRecommendation\tProposed Actions\tSuccess Measures\tResponsibility\tDate',
  '1\tThat Cleveland Police and SBC develop a communications protocol.\tDevelop a protocol\t"Protocol agreed',
  'Protocol published"\tCleveland Police\tMay 2022',
  '2\tAs part of the protocol: a) Monthly contact b) Named officers\t\t\tC/Supt Lang / Steve Hume\tJune 2022 – £1,500',
].join('\n');

describe('importing an action plan pasted from Word', () => {
  /** The choice of how, then the table pasted into the box (as the clipboard gives it). */
  async function pasteTable(user: ReturnType<typeof setup>['user'], text = PASTED_TABLE) {
    await user.click(await screen.findByRole('radio', { name: 'Paste a table' }, LOADED));
    const box = screen.getByRole('textbox', { name: 'Paste the table' });
    await user.click(box);
    await user.paste(text);
    return box;
  }

  it('offers a file or a pasted table, the file first, each choice labelled', async () => {
    setup(() => json(outcome('dry_run')));
    const group = await screen.findByRole('group', { name: 'How do you want to import the action plan?' }, LOADED);
    const file = within(group).getByRole('radio', { name: 'Choose a file' });
    const paste = within(group).getByRole('radio', { name: 'Paste a table' });
    expect(file).toBeChecked();
    expect(paste).not.toBeChecked();
    // The box is out of the way until pasting is chosen.
    expect(screen.queryByRole('textbox', { name: 'Paste the table' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Upload a file')).toBeVisible();
  });

  it('sends the pasted table as text/plain, exactly as pasted, and imports it', async () => {
    const { user, sent } = setup((s) =>
      s.query.dry_run === 'false'
        ? json(outcome('committed', { recommendations_created: ['r1', 'r2'], actions_created: ['x'] }), 201)
        : json(outcome('dry_run')),
    );
    const box = await pasteTable(user);
    expect(box).toHaveValue(PASTED_TABLE);
    expect(box).toHaveAccessibleDescription(
      'Copy the table in Word, then paste it here: the header row and every row below it.',
    );
    expect(screen.getByLabelText('Upload a file')).not.toBeVisible();
    const count = `${PASTED_TABLE.length} characters`;
    expect(document.getElementById('pasted-count')).toHaveTextContent(count);
    await user.click(screen.getByRole('button', { name: 'Check the table' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Check the action plan before importing' })).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.contentType).toBe('text/plain; charset=utf-8');
    expect(sent[0]!.text).toBe(PASTED_TABLE);
    expect(sent[0]!.file).toBeNull();
    expect(sent[0]!.query).toEqual({ dry_run: 'true', create_contacts: 'all' });
    expect(screen.getByText('Nothing has been imported yet. This is what was read from the table you pasted.')).toBeInTheDocument();
    expect(screen.getByText('Pasted table').nextElementSibling).toHaveTextContent(count);
    expect(screen.getByRole('table', { name: 'Recommendations in the table (2)' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('2 rows of the table you pasted can be imported; 1 row has errors.')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Skip the 1 row with errors and import the rest'));
    await user.click(screen.getByRole('button', { name: 'Import the action plan' }));

    await screen.findByRole('heading', { level: 1, name: 'Action plan imported' });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.contentType).toBe('text/plain; charset=utf-8');
    expect(sent[1]!.text).toBe(PASTED_TABLE);
    expect(sent[1]!.query).toEqual({ dry_run: 'false', skip_invalid: 'true' });
    expect(sent[1]!.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('checks the pasted table again for the new contacts ticked, sending the same text', async () => {
    const { user, sent } = setup(answerWithContacts());
    await pasteTable(user);
    await user.click(screen.getByRole('button', { name: 'Check the table' }));
    await screen.findByRole('heading', { level: 1, name: 'Check the action plan before importing' });
    await user.click(screen.getByLabelText('Steve Hume'));
    expect(screen.getByText(/Check the table again to see what would be imported/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check again' }));

    await screen.findByText(/Checked again with the new contacts you chose/);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.contentType).toBe('text/plain; charset=utf-8');
    expect(sent[1]!.text).toBe(PASTED_TABLE);
    expect(sent[1]!.query).toEqual({ dry_run: 'true', create_contacts: 'Insp Smith\nC/Supt Lang' });
  });

  it('asks for the table when the box is empty, and sends nothing', async () => {
    const { user, sent } = setup(() => json(outcome('dry_run')));
    await user.click(await screen.findByRole('radio', { name: 'Paste a table' }, LOADED));
    await user.click(screen.getByRole('button', { name: 'Check the table' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Paste the table to import' })).toHaveAttribute('href', '#pasted');
    const box = screen.getByRole('textbox', { name: 'Paste the table' });
    expect(box).toHaveAccessibleDescription(/Error: Paste the table to import/);
    await waitFor(() => expect(document.title).toMatch(/^Error: /));

    // Only spaces and blank lines are as good as empty.
    await user.type(box, '   {Enter}  ');
    await user.click(screen.getByRole('button', { name: 'Check the table' }));
    expect(await screen.findByRole('link', { name: 'Paste the table to import' })).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });

  it('shows a pasted table the API cannot read against the box', async () => {
    const { user } = setup(() =>
      new Response(
        JSON.stringify({
          type: '/problems/validation',
          title: 'The request has invalid fields',
          status: 422,
          errors: [{ field: 'file', message: 'has no header row: the columns No. and Recommendation were not found' }],
        }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const box = await pasteTable(user, 'just some words');
    await user.click(screen.getByRole('button', { name: 'Check the table' }));

    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: /^Pasted table: has no header row/ });
    expect(link).toHaveAttribute('href', '#pasted');
    expect(box).toHaveAccessibleDescription(/Pasted table: has no header row/);
    expect(box).toHaveValue('just some words');
  });

  it('keeps the pasted table when the user goes back from the report to change it', async () => {
    const { user, sent } = setup(() => json(outcome('dry_run')));
    await pasteTable(user);
    await user.click(screen.getByRole('button', { name: 'Check the table' }));
    await user.click(await screen.findByRole('button', { name: 'Change the pasted table' }));

    const box = await screen.findByRole('textbox', { name: 'Paste the table' });
    expect(screen.getByRole('radio', { name: 'Paste a table' })).toBeChecked();
    expect(box).toHaveValue(PASTED_TABLE);
    await user.type(box, '\n3\tA third recommendation');
    await user.click(screen.getByRole('button', { name: 'Check the table' }));
    await screen.findByRole('heading', { level: 1, name: 'Check the action plan before importing' });
    expect(sent[1]!.text).toBe(`${PASTED_TABLE}\n3\tA third recommendation`);
  });

  it('switching to pasting and back keeps the file path as it was', async () => {
    const append = vi.spyOn(FormData.prototype, 'append');
    const { user, sent } = setup(() => json(outcome('dry_run')));
    const input = await screen.findByLabelText('Upload a file', {}, LOADED);
    await user.upload(input, csv());
    await pasteTable(user, 'something else');
    await user.click(screen.getByRole('radio', { name: 'Choose a file' }));

    // The file chosen is still chosen, and it is what is sent, as a form.
    expect(screen.queryByRole('textbox', { name: 'Paste the table' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Check the table' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await screen.findByRole('heading', { level: 1, name: 'Check the action plan before importing' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(append).toHaveBeenCalledWith('file', expect.objectContaining({ name: 'plan.csv' }), 'plan.csv');
    expect(sent[0]!.file).not.toBeNull();
    expect(sent[0]!.text).toBeNull();
    expect(screen.getByText('Nothing has been imported yet. This is what was read from plan.csv.')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Recommendations in the file (2)' })).toBeInTheDocument();

    // Back from the report to choose a file: the pasted text waits where it was.
    await user.click(screen.getByRole('button', { name: 'Choose a different file' }));
    expect(await screen.findByRole('radio', { name: 'Choose a file' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    expect(await screen.findByRole('link', { name: 'Select a file to import' })).toHaveAttribute('href', '#file');
    await user.click(screen.getByRole('radio', { name: 'Paste a table' }));
    // A new choice of how clears the errors of the other.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Paste the table' })).toHaveValue('something else');
  });

  it('chooses by keyboard: the arrow keys move between the two ways', async () => {
    const { user } = setup(() => json(outcome('dry_run')));
    const file = await screen.findByRole('radio', { name: 'Choose a file' }, LOADED);
    file.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'Paste a table' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Paste a table' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Paste the table' })).toHaveFocus();
  });
});

describe('importing a progress update pasted from Word', () => {
  it('takes the whole paper’s text and sends it to the round as text/plain', async () => {
    signedIn();
    const server = mockApi()
      .get('/api/v1/me', () => me())
      .get('/api/v1/progress-rounds/:id', () => progressRound())
      .get('/api/v1/reviews/:id', () => reviewDetail());
    const sent: { url: string; contentType: string | null; text: string }[] = [];
    const api = server.fetch;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === 'POST') {
        sent.push({ url: request.url, contentType: request.headers.get('content-type'), text: await request.text() });
        return json(outcome('dry_run'));
      }
      return api(request);
    });
    const { user } = renderApp(`/progress-rounds/${ROUND_ID}/imports/progress-update`);
    await user.click(await screen.findByRole('radio', { name: 'Paste the text' }, LOADED));
    const box = screen.getByRole('textbox', { name: 'Paste the progress update' });
    await user.click(box);
    await user.paste('Review:\tPolice Communications\r\nRecommendation 1:\tAny scheduled reviews…');
    await user.click(screen.getByRole('button', { name: 'Check the text' }));

    await screen.findByRole('heading', { level: 1, name: 'Check the progress update before importing' });
    expect(sent).toHaveLength(1);
    expect(new URL(sent[0]!.url).pathname).toBe(`/api/v1/progress-rounds/${ROUND_ID}/imports/progress-update`);
    expect(sent[0]!.contentType).toBe('text/plain; charset=utf-8');
    // The box's plain value, as sent: a textarea gives its lines with \n.
    expect(sent[0]!.text).toBe((box as HTMLTextAreaElement).value);
    expect(sent[0]!.text).toContain('Review:\tPolice Communications');
    expect(screen.getByText('Nothing has been imported yet. This is what was read from the text you pasted.')).toBeInTheDocument();
  });
});
