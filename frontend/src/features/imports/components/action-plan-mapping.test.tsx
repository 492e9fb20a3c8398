import { screen, waitFor } from '@testing-library/react';
import type { ImportColumns, ImportOutcome, ImportProfile } from '@/api/types';
import { actionPlan, COUNCIL_ID, me, REVIEW_ID, reviewDetail } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const IMPORT = `/api/v1/reviews/${REVIEW_ID}/imports/action-plan`;
const PLAN_PROFILE = '00000000-0000-4000-8000-00000000f002';
const T = '2026-03-01T10:00:00Z';

const COLUMNS: ImportColumns = {
  header_row: 2,
  data_rows: 4,
  columns: [
    { index: 0, letter: 'A', heading: 'Item', samples: ['1'], distinct_values: [], proposed: 'ignore', why: 'no field has this heading' },
    { index: 1, letter: 'B', heading: 'What we said', samples: ['That…'], distinct_values: [], proposed: 'ignore', why: 'no field has this heading' },
    { index: 2, letter: 'C', heading: 'What we will do', samples: ['Develop…'], distinct_values: [], proposed: 'ignore', why: 'no field has this heading' },
  ],
};

const SAVED: ImportProfile = {
  id: PLAN_PROFILE,
  council_id: COUNCIL_ID,
  kind: 'action_plan',
  name: 'Police plans',
  columns: [
    { heading: 'Item', field: 'number' },
    { heading: 'What we said', field: 'recommendation' },
    { heading: 'What we will do', field: 'action' },
  ],
  statuses: [],
  committees: [],
  created_by: 'Marc Stephenson',
  created_at: T,
  updated_at: T,
  version: 1,
};

const OUTCOME = {
  import: {
    id: '00000000-0000-4000-8000-00000000a001',
    council_id: COUNCIL_ID,
    review_id: REVIEW_ID,
    kind: 'action_plan',
    profile_id: PLAN_PROFILE,
    format: 'csv',
    file_name: 'plan.csv',
    file_sha256: 'abc',
    size_bytes: 120,
    state: 'dry_run',
    skip_invalid: false,
    created_by: 'Marc Stephenson',
    created_at: T,
  },
  already_imported: false,
  parsed: { recommendations: [] } as unknown as ImportOutcome['parsed'],
  report: { rows_read: 4, rows_rejected: 0, issues: [] },
  proposed_contacts: [],
  statuses: [],
  committees: [],
} satisfies ImportOutcome;

describe('an action plan whose headings are not recognised', () => {
  it('offers the column mapping, saves it as an action plan profile and checks the file through it', async () => {
    signedIn();
    const server = mockApi()
      .get('/api/v1/me', () => me())
      .get('/api/v1/reviews/:id', () => reviewDetail({ action_plan: actionPlan({ status: 'draft' }) }))
      .get('/api/v1/import-profiles', () => ({ items: [] }))
      .post('/api/v1/import-profiles', () => json(SAVED, 201));
    const imports: Record<string, string>[] = [];
    const columns: Record<string, string>[] = [];
    const api = server.fetch;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const url = new URL(request.url);
      const query = Object.fromEntries(url.searchParams);
      if (request.method === 'POST' && url.pathname === IMPORT) {
        imports.push(query);
        if (!query.profile_id) {
          return problem(422, 'The file cannot be imported', {
            detail: 'no recognisable header row: the table needs a row of headings naming at least the columns No.',
            errors: [{ field: 'file', message: 'no recognisable header row: the table needs a row of headings' }],
          });
        }
        return json(OUTCOME);
      }
      if (request.method === 'POST' && url.pathname === '/api/v1/imports/columns') {
        columns.push(query);
        return json(COLUMNS);
      }
      return api(request);
    });
    const { user } = renderApp(`/reviews/${REVIEW_ID}/imports/action-plan`);
    await user.upload(await screen.findByLabelText('Upload a file', {}, LOADED), new File(['Item,What we said'], 'plan.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));

    expect(await screen.findByRole('heading', { name: 'Say which column is which in the action plan' })).toBeInTheDocument();
    expect(columns).toEqual([{ kind: 'action_plan' }]);
    const select = screen.getByLabelText('Column A, Item, is imported as');
    // An action plan's fields only: no tracker fields.
    expect(select.querySelector('option[value="review_reference"]')).toBeNull();
    await user.selectOptions(select, 'number');
    await user.selectOptions(screen.getByLabelText('Column B, What we said, is imported as'), 'recommendation');
    await user.selectOptions(screen.getByLabelText('Column C, What we will do, is imported as'), 'action');
    await user.type(screen.getByLabelText('Name of the mapping'), 'Police plans');
    await user.click(screen.getByRole('button', { name: 'Save the mapping and check the file' }));

    expect(await screen.findByRole('heading', { name: 'Check the action plan before importing' })).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/v1/import-profiles')[0]!.body).toEqual({
      kind: 'action_plan',
      name: 'Police plans',
      columns: SAVED.columns,
    });
    await waitFor(() => expect(imports).toHaveLength(2));
    expect(imports[1]).toEqual({ dry_run: 'true', create_contacts: 'all', profile_id: PLAN_PROFILE });
  });
});
