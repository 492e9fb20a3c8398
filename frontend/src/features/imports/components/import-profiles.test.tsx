import { screen, waitFor, within } from '@testing-library/react';
import type { ImportProfile } from '@/api/types';
import { committee, COMMITTEE_ID, COUNCIL_ID, contributor, me } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };
const ID = '00000000-0000-4000-8000-00000000f001';
const T = '2026-03-01T10:00:00Z';

const PROFILE: ImportProfile = {
  id: ID,
  council_id: COUNCIL_ID,
  kind: 'tracker',
  name: 'Corporate tracker',
  columns: [
    { heading: 'Ref', field: 'review_reference' },
    { heading: 'RAG', field: 'status' },
  ],
  statuses: [{ value: 'Ongoing', grade: '2' }],
  committees: [{ value: 'CSC', committee_id: COMMITTEE_ID }],
  created_by: 'Marc Stephenson',
  created_at: T,
  updated_at: T,
  version: 4,
};

function setup(path: string, who = me()) {
  signedIn();
  const server = mockApi()
    .get('/api/v1/me', () => who)
    .get('/api/v1/committees', () => ({ items: [committee()] }))
    .get('/api/v1/import-profiles', () => ({ items: [PROFILE] }))
    .get('/api/v1/import-profiles/:id', () => PROFILE)
    .on('PATCH', '/api/v1/import-profiles/:id', (call) => ({ ...PROFILE, ...(call.body as object), version: 5 }))
    .on('DELETE', '/api/v1/import-profiles/:id', () => new Response(null, { status: 204 }));
  return { server, ...renderApp(path) };
}

describe('import column mappings', () => {
  it('are listed for officers from the administration home', async () => {
    const { user } = setup('/admin');
    await user.click(await screen.findByRole('link', { name: 'Import column mappings' }, LOADED));
    const table = await screen.findByRole('table', { name: 'Column mappings' });
    expect(within(table).getByRole('link', { name: 'Corporate tracker' })).toHaveAttribute('href', `/admin/import-profiles/${ID}`);
    expect(within(table).getByText('Tracker')).toBeInTheDocument();
  });

  it('are not for contributors', async () => {
    setup('/admin/import-profiles', contributor());
    expect(await screen.findByRole('heading', { name: 'You cannot use this page' }, LOADED)).toBeInTheDocument();
  });

  it('show a mapping’s columns, status words and committees, and rename it with If-Match', async () => {
    const { user, server } = setup(`/admin/import-profiles/${ID}`);
    expect(await screen.findByRole('table', { name: 'Columns' }, LOADED)).toHaveTextContent('RAGStatus');
    expect(screen.getByRole('table', { name: 'Status words' })).toHaveTextContent('Ongoing2 (On-Track)');
    await waitFor(() =>
      expect(screen.getByRole('table', { name: 'Committees' })).toHaveTextContent('CSCCrime and Disorder Select Committee'),
    );
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Monthly tracker');
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    expect(await screen.findByText('The column mapping has been renamed')).toBeInTheDocument();
    const [patch] = server.callsTo('PATCH', `/api/v1/import-profiles/${ID}`);
    expect(patch!.body).toEqual({ name: 'Monthly tracker' });
    expect(patch!.headers.get('If-Match')).toBe('"4"');
  });

  it('are removed after asking', async () => {
    const { user, server } = setup(`/admin/import-profiles/${ID}`);
    await user.click(await screen.findByRole('link', { name: 'Remove this column mapping' }, LOADED));
    await user.click(await screen.findByRole('button', { name: 'Remove column mapping' }));
    expect(await screen.findByRole('heading', { name: 'Import column mappings' })).toBeInTheDocument();
    const [removed] = server.callsTo('DELETE', `/api/v1/import-profiles/${ID}`);
    expect(removed!.headers.get('If-Match')).toBe('"4"');
  });
});
