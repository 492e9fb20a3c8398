import { screen, waitFor, within } from '@testing-library/react';
import type { ImportColumns, ImportOutcome, ImportProfile } from '@/api/types';
import { committee, COMMITTEE_ID, COUNCIL_ID, me } from '@/testing/fixtures';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const PROFILE_ID = '00000000-0000-4000-8000-00000000f001';
const T = '2026-03-01T10:00:00Z';

const COLUMNS: ImportColumns = {
  header_row: 1,
  data_rows: 3,
  columns: [
    { index: 0, letter: 'A', heading: 'Ref', samples: ['2024/25-01'], distinct_values: [], proposed: 'review_reference', why: 'the heading "Ref" names Review reference' },
    { index: 1, letter: 'B', heading: 'Recommendation', samples: ['That the council…'], distinct_values: [], proposed: 'recommendation', why: 'the heading names Recommendation' },
    { index: 2, letter: 'C', heading: 'RAG', samples: ['Green', 'Ongoing'], distinct_values: ['Green', 'Ongoing'], proposed: 'status', why: 'the heading "RAG" names Status' },
    { index: 3, letter: 'D', heading: 'Notes', samples: ['x'], distinct_values: [], proposed: 'ignore', why: 'no field has this heading' },
  ],
};

function profile(overrides: Partial<ImportProfile> = {}): ImportProfile {
  return {
    id: PROFILE_ID,
    council_id: COUNCIL_ID,
    kind: 'tracker',
    name: 'Corporate tracker',
    columns: [
      { heading: 'Ref.', field: 'review_reference' },
      { heading: 'Recommendation', field: 'recommendation' },
      { heading: 'rag', field: 'progress' },
    ],
    statuses: [{ value: 'Green', grade: '1' }],
    committees: [],
    created_by: 'Marc Stephenson',
    created_at: T,
    updated_at: T,
    version: 2,
    ...overrides,
  };
}

function outcome(overrides: Partial<ImportOutcome> = {}): ImportOutcome {
  return {
    import: {
      id: '00000000-0000-4000-8000-00000000a001',
      council_id: COUNCIL_ID,
      kind: 'tracker',
      profile_id: PROFILE_ID,
      format: 'csv',
      file_name: 'tracker.csv',
      file_sha256: 'abc',
      size_bytes: 120,
      state: 'dry_run',
      skip_invalid: false,
      created_by: 'Marc Stephenson',
      created_at: T,
    },
    already_imported: false,
    parsed: { rows: [] } as unknown as ImportOutcome['parsed'],
    report: {
      rows_read: 3,
      rows_rejected: 1,
      issues: [
        { row: 3, column: 'RAG', value: 'Ongoing', severity: 'rejected', reason: 'the status "Ongoing" has no grade' },
        { row: 4, column: 'Lead', value: 'J Smith', severity: 'guessed', reason: 'initials read as John Smith' },
      ],
    },
    proposed_contacts: [],
    columns: COLUMNS,
    statuses: [
      { value: 'Green', grade: '1', rows: [2] },
      { value: 'Ongoing', grade: null, rows: [3] },
    ],
    committees: [{ value: 'CSC', committee_id: null, because: 'no committee has this name or acronym' }],
    ...overrides,
  };
}

type Upload = { path: string; query: Record<string, string> };

/** The tracker import's API; uploads (multipart) are answered here, before the JSON-only mock. */
function setup(profiles: ImportProfile[], answer: (upload: Upload) => Response) {
  signedIn();
  const server = mockApi()
    .get('/api/v1/me', () => me())
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/import-profiles', () => ({ items: profiles }))
    .post('/api/v1/import-profiles', (call) => json({ ...profile(), ...(call.body as object), version: 1 }, 201))
    .on('PATCH', '/api/v1/import-profiles/:id', (call) => ({ ...profile(), ...(call.body as object), version: 3 }));
  const uploads: Upload[] = [];
  const api = server.fetch;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname.startsWith('/api/v1/imports/')) {
      const one = { path: url.pathname, query: Object.fromEntries(url.searchParams) };
      uploads.push(one);
      return answer(one);
    }
    return api(request);
  });
  return { server, uploads, ...renderApp('/imports/tracker') };
}

function answers(dryRun = outcome()) {
  return (upload: Upload) => (upload.path.endsWith('/columns') ? json(COLUMNS) : json(dryRun));
}

async function chooseFile(user: ReturnType<typeof setup>['user']) {
  await user.upload(await screen.findByLabelText('Upload a file', {}, LOADED), new File(['Ref,Recommendation'], 'tracker.csv', { type: 'text/csv' }));
}

describe('importing a tracker', () => {
  it('pre-sets each column from the API’s proposals and saves a new named mapping', async () => {
    const { user, server, uploads } = setup([], answers());
    await chooseFile(user);
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const select = await screen.findByLabelText('Column C, RAG, is imported as', {}, LOADED);
    expect(select).toHaveValue('status');
    expect(screen.getByLabelText('Column A, Ref, is imported as')).toHaveValue('review_reference');
    expect(screen.getByLabelText('Column D, Notes, is imported as')).toHaveValue('ignore');
    expect(screen.getByText(/the heading "RAG" names Status/)).toBeInTheDocument();
    expect(uploads[0]).toEqual({ path: '/api/v1/imports/columns', query: { kind: 'tracker' } });

    await user.selectOptions(screen.getByLabelText('Column D, Notes, is imported as'), 'progress');
    await user.type(screen.getByLabelText('Name of the mapping'), 'Corporate tracker');
    await user.click(screen.getByRole('button', { name: 'Save the mapping and check the file' }));

    await screen.findByRole('heading', { name: 'Check the tracker before importing' });
    const [created] = server.callsTo('POST', '/api/v1/import-profiles');
    expect(created!.body).toEqual({
      kind: 'tracker',
      name: 'Corporate tracker',
      columns: [
        { heading: 'Ref', field: 'review_reference' },
        { heading: 'Recommendation', field: 'recommendation' },
        { heading: 'RAG', field: 'status' },
        { heading: 'Notes', field: 'progress' },
      ],
    });
    expect(uploads[1]).toEqual({
      path: '/api/v1/imports/tracker',
      query: { dry_run: 'true', create_contacts: 'all', profile_id: PROFILE_ID },
    });
  });

  it('pre-sets the columns from a chosen profile, matching headings loosely, and updates it', async () => {
    const { user, server } = setup([profile()], answers());
    await chooseFile(user);
    await user.selectOptions(await screen.findByLabelText('Column mapping'), PROFILE_ID);
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByLabelText('Column A, Ref, is imported as', {}, LOADED)).toHaveValue('review_reference');
    expect(screen.getByLabelText('Column C, RAG, is imported as')).toHaveValue('progress');
    expect(screen.getByLabelText('Column D, Notes, is imported as')).toHaveValue('ignore');

    await user.selectOptions(screen.getByLabelText('Column C, RAG, is imported as'), 'status');
    await user.click(screen.getByRole('button', { name: 'Save the mapping and check the file' }));
    await screen.findByRole('heading', { name: 'Check the tracker before importing' });
    const [patch] = server.callsTo('PATCH', `/api/v1/import-profiles/${PROFILE_ID}`);
    expect(patch!.headers.get('If-Match')).toBe('"2"');
    expect(patch!.body).toEqual({
      columns: [
        { heading: 'Ref', field: 'review_reference' },
        { heading: 'Recommendation', field: 'recommendation' },
        { heading: 'RAG', field: 'status' },
        { heading: 'Notes', field: 'ignore' },
      ],
    });
  });

  it('refuses a mapping without the review reference before sending it', async () => {
    const { user, server } = setup([], answers());
    await chooseFile(user);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.selectOptions(await screen.findByLabelText('Column A, Ref, is imported as', {}, LOADED), 'ignore');
    await user.type(screen.getByLabelText('Name of the mapping'), 'Tracker');
    await user.click(screen.getByRole('button', { name: 'Save the mapping and check the file' }));
    expect(await screen.findByRole('link', { name: 'Choose the column that holds the review reference' })).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/v1/import-profiles')).toHaveLength(0);
  });

  it('asks a grade for each unmapped status and a committee for each one not found, saves them to the profile and checks again', async () => {
    const { user, server, uploads } = setup([profile()], answers());
    await chooseFile(user);
    await user.selectOptions(await screen.findByLabelText('Column mapping'), PROFILE_ID);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.selectOptions(await screen.findByLabelText('Column C, RAG, is imported as', {}, LOADED), 'status');
    await user.click(screen.getByRole('button', { name: 'Save the mapping and check the file' }));

    const status = await screen.findByLabelText('Status “Ongoing”');
    expect(screen.queryByLabelText('Status “Green”')).not.toBeInTheDocument();
    expect(within(status).getByRole('option', { name: '2 (On-Track)' })).toBeInTheDocument();
    await user.selectOptions(status, '2');
    await user.selectOptions(screen.getByLabelText('Committee “CSC”'), COMMITTEE_ID);
    await user.click(screen.getByRole('button', { name: 'Save to ‘Corporate tracker’ and check again' }));

    await waitFor(() => expect(server.callsTo('PATCH', `/api/v1/import-profiles/${PROFILE_ID}`)).toHaveLength(2));
    const saved = server.callsTo('PATCH', `/api/v1/import-profiles/${PROFILE_ID}`)[1]!;
    expect(saved.body).toEqual({
      statuses: [
        { value: 'Green', grade: '1' },
        { value: 'Ongoing', grade: '2' },
      ],
      committees: [{ value: 'CSC', committee_id: COMMITTEE_ID }],
    });
    await waitFor(() => expect(uploads.filter((u) => u.path === '/api/v1/imports/tracker')).toHaveLength(2));
  });

  it('shows the report row by row, guessed apart from rejected, and imports skipping the rejected rows', async () => {
    const committed = outcome({
      import: { ...outcome().import, state: 'committed', skip_invalid: true, result: { reviews_created: ['r1'], progress_entries_created: ['e1', 'e2'] } as unknown as ImportOutcome['import']['result'] },
    });
    const { user, uploads } = setup([profile({ columns: COLUMNS.columns.map((c) => ({ heading: c.heading, field: c.proposed })) })], (upload) =>
      upload.path.endsWith('/columns') ? json(COLUMNS) : json(upload.query.dry_run === 'false' ? committed : outcome(), upload.query.dry_run === 'false' ? 201 : 200),
    );
    await chooseFile(user);
    await user.selectOptions(await screen.findByLabelText('Column mapping'), PROFILE_ID);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Save the mapping and check the file' }, LOADED));

    const report = await screen.findByRole('table', { name: /Row report: 2 problems found/ });
    const rows = within(report).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByText('Cannot be imported')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('the status "Ongoing" has no grade')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Check')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('initials read as John Smith')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Skip the 1 row with errors and import the rest'));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('heading', { name: 'Tracker imported' })).toBeInTheDocument();
    expect(screen.getByText('1 review created')).toBeInTheDocument();
    expect(screen.getByText('2 progress entries created')).toBeInTheDocument();
    const commit = uploads.at(-1)!;
    expect(commit.query).toMatchObject({ dry_run: 'false', skip_invalid: 'true', profile_id: PROFILE_ID });
  });
});
