import { screen, waitFor } from '@testing-library/react';
import { contributor, me, progressEntry, progressRound, REVIEW_ID, reviewDetail, ROUND_ID } from '@/testing/fixtures';
import { mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

/** The page is lazy-loaded: the first look waits longer when the machine is busy. */
const LOADED = { timeout: 5000 };
const PAPER = `/api/v1/progress-rounds/${ROUND_ID}/papers/progress-update`;

/** The round page, with the object URL and the click on the temporary link observed. */
function setup(paper: (format: string) => Response, who = me(), search = '') {
  signedIn('access-1');
  const server = mockApi()
    .get('/api/v1/me', () => who)
    .get(`/api/v1/progress-rounds/${ROUND_ID}`, () => progressRound())
    .get(`/api/v1/progress-rounds/${ROUND_ID}/entries`, () => [progressEntry({ grades: { ...progressEntry().grades, proposed_differs_from_officer: true } })])
    .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail())
    .get(`${PAPER}.:format`, (_call, { format }) => paper(format!));
  const created: Blob[] = [];
  const saved: { href: string; download: string }[] = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    created.push(blob);
    return `blob:test/${created.length}`;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(this: HTMLAnchorElement) {
    saved.push({ href: this.href, download: this.download });
  });
  return { server, created, saved, ...renderApp(`/progress-rounds/${ROUND_ID}${search}`) };
}

describe('downloading a committee paper', () => {
  it('fetches the paper with the token and saves it under the name the API gives', async () => {
    const { user, server, created, saved } = setup(
      (format) =>
        new Response(`%PDF-1.7 ${format}`, {
          status: 200,
          headers: {
            'content-type': 'application/pdf',
            'content-disposition':
              "attachment; filename=\"Progress update - May 2023.pdf\"; filename*=UTF-8''Progress%20update%20%E2%80%93%20May%202023.pdf",
          },
        }),
    );
    const button = await screen.findByRole('button', { name: 'Download the progress update (PDF)' }, LOADED);
    expect(screen.getByRole('button', { name: 'Download the progress update (Word)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download the progress update (HTML)' })).toBeInTheDocument();
    await user.click(button);

    await waitFor(() => expect(saved).toHaveLength(1));
    const calls = server.callsTo('GET', `${PAPER}.pdf`);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get('Authorization')).toBe('Bearer access-1');
    expect(saved[0]).toEqual({ href: 'blob:test/1', download: 'Progress update – May 2023.pdf' });
    expect(await created[0]!.text()).toBe('%PDF-1.7 pdf');
    // The temporary link is gone again.
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('asks for the Word paper at its own path', async () => {
    const { user, server, saved } = setup(
      () => new Response('PK', { status: 200, headers: { 'content-type': 'application/octet-stream' } }),
    );
    await user.click(await screen.findByRole('button', { name: 'Download the progress update (Word)' }, LOADED));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(server.callsTo('GET', `${PAPER}.docx`)).toHaveLength(1);
    // No Content-Disposition: a name of its own.
    expect(saved[0]!.download).toBe('progress-update.docx');
  });

  it('says why when the API refuses, and saves nothing', async () => {
    const { user, saved } = setup(() => problem(403, 'Forbidden'), contributor());
    await user.click(await screen.findByRole('button', { name: 'Download the progress update (HTML)' }, LOADED));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You do not have permission to download the progress update (HTML).');
    expect(saved).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Download the progress update (HTML)' })).toHaveAccessibleDescription(
      /You do not have permission/,
    );
  });

  it('exports the round’s updates with the filters in the address', async () => {
    const { user, server, saved } = setup(() => problem(404, 'Not Found'), me(), `?state=draft&differ=yes`);
    server.get('/api/v1/progress-entries/export.:format', () =>
      new Response('No.,Recommendation', {
        status: 200,
        headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="updates.csv"' },
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Download the updates as a spreadsheet (Excel)' }, LOADED));
    await waitFor(() => expect(saved).toHaveLength(1));
    const call = server.callsTo('GET', '/api/v1/progress-entries/export.xlsx')[0]!;
    expect(Object.fromEntries(call.url.searchParams)).toEqual({ round_id: ROUND_ID, state: 'draft', grades_differ: 'true' });
    expect(saved[0]!.download).toBe('updates.csv');
  });
});
