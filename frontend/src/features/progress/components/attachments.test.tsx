import { act, screen, waitFor, within } from '@testing-library/react';
import type { Attachment, ProgressEntry } from '@/api/types';
import { contributor, COUNCIL_ID, ENTRY_ID, progressEntry, submittedEntry } from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const ENTRY = `/api/v1/progress-entries/${ENTRY_ID}`;
const ATTACHMENT_ID = '00000000-0000-4000-8000-00000000b001';

function attachment(overrides: Partial<Attachment> = {}): Attachment {
  return {
    id: ATTACHMENT_ID,
    entry_id: ENTRY_ID,
    council_id: COUNCIL_ID,
    file_name: 'Appendix 2 - survey results.pdf',
    title: 'Appendix 2',
    content_type: 'application/pdf',
    size_bytes: 1_258_291,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    uploaded_by: 'Pat Contributor',
    created_at: '2023-05-02T09:00:00Z',
    content_url: `/api/v1/attachments/${ATTACHMENT_ID}/content`,
    ...overrides,
  };
}

/** A stand-in for XMLHttpRequest: the test reports progress and answers. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  responseType = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader() {
    return null;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }));
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    act(() => this.onload?.());
  }
}

function setup(entry: ProgressEntry = progressEntry(), items: Attachment[] = [attachment()]) {
  signedIn('access-1');
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  const list = { items };
  const server = mockApi()
    .get('/api/v1/me', () => contributor())
    .get(ENTRY, () => json(entry, 200, { ETag: `"${entry.version}"` }))
    .get(`/api/v1/councils/${COUNCIL_ID}/settings`, () => problem(404, 'Not Found'))
    .get(`${ENTRY}/attachments`, () => list)
    .post('/api/v1/auth/token', () => ({ access_token: 'access-2', token_type: 'Bearer', expires_in: 900, refresh_token: 'rt_2' }))
    .post('/api/v1/attachments/:id/withdraw', (call) => {
      const reason = (call.body as { reason: string }).reason;
      const withdrawn = attachment({ withdrawn_at: '2023-05-03T10:00:00Z', withdrawn_reason: reason, content_url: null });
      list.items = [withdrawn];
      return withdrawn;
    });
  return { server, list, ...renderApp(`/progress-entries/${ENTRY_ID}`) };
}

const LOADED = { timeout: 5000 };

/** The page is lazy-loaded, then asks for the user, the entry and its files. */
async function attachmentsTable() {
  return screen.findByRole('table', { name: 'Files attached to this update' }, LOADED);
}

async function chooseFile(user: ReturnType<typeof setup>['user'], name = 'survey.pdf') {
  await attachmentsTable();
  const input = screen.getByLabelText('Upload a file');
  await user.upload(input, new File(['%PDF-1.7'], name, { type: 'application/pdf' }));
  return input;
}

describe('attachments on a progress update', () => {
  it('lists the files with their title, kind and size', async () => {
    setup();
    const table = await attachmentsTable();
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('Appendix 2');
    expect(row).toHaveTextContent('Appendix 2 - survey results.pdf');
    expect(row).toHaveTextContent('PDF, 1.2 MB');
    expect(within(row).getByRole('button', { name: 'Download Appendix 2 - survey results.pdf' })).toBeInTheDocument();
  });

  it('uploads with the token, showing the progress as a bar and a percentage', async () => {
    const { user, list } = setup();
    await chooseFile(user);
    await user.type(screen.getByLabelText('Title (optional)'), 'Appendix 3');
    await user.click(screen.getByRole('button', { name: 'Upload file' }));

    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.method).toBe('POST');
    expect(new URL(xhr.url).pathname).toBe(`${ENTRY}/attachments`);
    expect(xhr.headers.Authorization).toBe('Bearer access-1');
    expect(xhr.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect((xhr.body!.get('file') as File).name).toBe('survey.pdf');
    expect(xhr.body!.get('title')).toBe('Appendix 3');

    xhr.progress(45, 100);
    const bar = screen.getByRole('progressbar', { name: 'Uploading survey.pdf' });
    expect(bar).toHaveAttribute('value', '45');
    expect(screen.getByTestId('upload-percent')).toHaveTextContent('45%');
    expect(screen.getByRole('button', { name: 'Upload file' })).toBeDisabled();

    const created = attachment({ id: '00000000-0000-4000-8000-00000000b002', file_name: 'survey.pdf', title: 'Appendix 3' });
    list.items = [attachment(), created];
    xhr.respond(201, created);

    expect(await screen.findByText('survey.pdf was uploaded.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    const table = screen.getByRole('table', { name: 'Files attached to this update' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
  });

  it('shows a 413 as an error against the file field', async () => {
    const { user } = setup();
    const input = await chooseFile(user, 'huge.pdf');
    await user.click(screen.getByRole('button', { name: 'Upload file' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    FakeXhr.sent[0]!.progress(100, 100);
    FakeXhr.sent[0]!.respond(413, {
      type: '/problems/too-large',
      title: 'Payload Too Large',
      status: 413,
      detail: 'is larger than the 25 MiB an attachment may be',
    });

    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'File: is larger than the 25 MiB an attachment may be' });
    expect(link).toHaveAttribute('href', '#attachment-file');
    expect(input).toHaveAccessibleDescription(/File: is larger than the 25 MiB an attachment may be/);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows a 422 naming the file against the file field', async () => {
    const { user } = setup();
    await chooseFile(user, 'notes.pdf');
    await user.click(screen.getByRole('button', { name: 'Upload file' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    FakeXhr.sent[0]!.respond(422, {
      type: '/problems/validation',
      title: 'The request has invalid fields',
      status: 422,
      errors: [{ field: 'file', message: 'is not a PDF: its bytes are of a ZIP file' }],
    });
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'File: is not a PDF: its bytes are of a ZIP file' })).toHaveAttribute(
      'href',
      '#attachment-file',
    );
  });

  it('refreshes the token once after a 401 and sends the file again', async () => {
    const { user, server } = setup();
    await chooseFile(user);
    await user.click(screen.getByRole('button', { name: 'Upload file' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    FakeXhr.sent[0]!.respond(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });

    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    expect(server.callsTo('POST', '/api/v1/auth/token')).toHaveLength(1);
    const again = FakeXhr.sent[1]!;
    expect(again.headers.Authorization).toBe('Bearer access-2');
    expect(again.headers['Idempotency-Key']).toBe(FakeXhr.sent[0]!.headers['Idempotency-Key']);
    again.respond(201, attachment({ file_name: 'survey.pdf' }));
    expect(await screen.findByText('survey.pdf was uploaded.')).toBeInTheDocument();
  });

  it('withdraws a file after confirmation, with the reason', async () => {
    const { user, server } = setup();
    await attachmentsTable();
    await user.click(screen.getByRole('button', { name: 'Withdraw Appendix 2 - survey results.pdf' }));
    const form = screen.getByRole('form', { name: 'Withdraw Appendix 2 - survey results.pdf?' });
    await user.click(within(form).getByRole('button', { name: 'Yes, withdraw it' }));
    expect(await within(form).findByRole('link', { name: 'Say why you are withdrawing the file' })).toBeInTheDocument();
    expect(server.callsTo('POST', `/api/v1/attachments/${ATTACHMENT_ID}/withdraw`)).toHaveLength(0);

    await user.type(within(form).getByLabelText('Why are you withdrawing it?'), 'Uploaded to the wrong recommendation');
    await user.click(within(form).getByRole('button', { name: 'Yes, withdraw it' }));

    expect(await screen.findByText('Appendix 2 - survey results.pdf was withdrawn.')).toBeInTheDocument();
    expect(server.callsTo('POST', `/api/v1/attachments/${ATTACHMENT_ID}/withdraw`)[0]!.body).toEqual({
      reason: 'Uploaded to the wrong recommendation',
    });
    const table = screen.getByRole('table', { name: 'Files attached to this update' });
    expect(within(table).getByText('Withdrawn')).toBeInTheDocument();
    expect(within(table).getByText(/Uploaded to the wrong recommendation/)).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /^Download/ })).toBeNull();
  });

  it('is a read-only list once the update is submitted', async () => {
    const { server } = setup(submittedEntry());
    const table = await attachmentsTable();
    expect(within(table).getByRole('button', { name: 'Download Appendix 2 - survey results.pdf' })).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /^Withdraw/ })).toBeNull();
    expect(screen.queryByLabelText('Upload a file')).toBeNull();
    expect(server.callsTo('GET', `${ENTRY}/attachments`)[0]!.url.searchParams.get('limit')).toBe('200');
  });

  it('downloads a file through the API with the token', async () => {
    const { user, server } = setup(submittedEntry());
    server.get(
      `/api/v1/attachments/${ATTACHMENT_ID}/content`,
      () =>
        new Response('%PDF', {
          status: 200,
          headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="Appendix 2 - survey results.pdf"' },
        }),
    );
    URL.createObjectURL = vi.fn(() => 'blob:test/1');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await attachmentsTable();
    await user.click(screen.getByRole('button', { name: 'Download Appendix 2 - survey results.pdf' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const call = server.callsTo('GET', `/api/v1/attachments/${ATTACHMENT_ID}/content`)[0]!;
    expect(call.headers.get('Authorization')).toBe('Bearer access-1');
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('Appendix 2 - survey results.pdf');
  });
});
