import { screen, waitFor, within } from '@testing-library/react';
import type { ImportOutcome, ImportProblem } from '@/api/types';
import { actionPlan, me, REVIEW_ID, reviewDetail } from '@/testing/fixtures';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

/** The page is lazy-loaded: the first look waits longer when the machine is busy. */
const LOADED = { timeout: 5000 };
const IMPORT = `/api/v1/reviews/${REVIEW_ID}/imports/action-plan`;

type Sent = { query: Record<string, string>; file: File | null; contentType: string | null; key: string | null };

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

function outcome(state: 'dry_run' | 'committed', result: unknown = null): ImportOutcome {
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
    report: REPORT,
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
  // The upload is multipart: read it here, before the JSON-only mock sees it.
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === IMPORT) {
      const form = await request.formData();
      const file = form.get('file');
      const one: Sent = {
        query: Object.fromEntries(url.searchParams),
        file: typeof file === 'object' && file !== null ? (file as File) : null,
        contentType: request.headers.get('content-type'),
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
    expect(sent[0]!.query).toEqual({ dry_run: 'true' });
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
