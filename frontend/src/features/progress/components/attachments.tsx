import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '@/api/problem';
import type { Attachment, ProgressEntry } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { ErrorMessage, Textarea, TextInput } from '@/components/ui/form';
import { Tag } from '@/components/ui/tag';
import { documents } from '@/features/documents/api/download';
import { DownloadButton } from '@/features/documents/components/download-list';
import { formatInstant } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { attachmentKeys, useAttachments, useWithdrawAttachment } from '../api/attachments';
import { UploadAbortedError, uploadAttachment } from '../api/upload-attachment';

const FILE_ID = 'attachment-file';
const TITLE_ID = 'attachment-title';
const REASON_ID = 'withdraw-reason';

const ACCEPT =
  '.pdf,.docx,.xlsx,.csv,.txt,.png,.jpg,.jpeg,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain,image/png,image/jpeg';

const UPLOAD_FIELDS: Record<string, FieldTarget> = {
  file: { id: FILE_ID, label: 'File' },
  title: { id: TITLE_ID, label: 'Title' },
};

const KINDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'text/csv': 'CSV',
  'text/plain': 'Text',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
};

/** "1.2 MB", "340 KB", "87 bytes". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function single(text: string, id: string): FormErrors {
  return { fields: { [id]: text }, summary: [{ field: id, text }] };
}

/** A refused upload: a file too large, of the wrong kind or otherwise invalid, said against the file field. */
export function uploadErrors(error: unknown): FormErrors {
  if (error instanceof ApiError) {
    const detail = error.problem?.detail?.trim();
    if (error.status === 413) return single(`File: ${detail ?? 'is larger than the service accepts'}`, FILE_ID);
    if (error.status === 415) return single(`File: ${detail ?? 'is not a kind of file that can be attached'}`, FILE_ID);
    if (error.status === 422 && !error.problem?.errors?.length) {
      return single(`File: ${detail ?? 'cannot be attached'}`, FILE_ID);
    }
    if (error.status === 409) {
      return { fields: {}, summary: [{ text: 'This update can no longer be changed, so no file can be attached to it.' }] };
    }
  }
  return problemErrors(error, (field) => UPLOAD_FIELDS[field]);
}

type Upload = { fileName: string; percent: number };

function UploadForm({ entryId }: { entryId: string }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (upload) return;
    setUploaded(null);
    if (!file) {
      setErrors(single('Select a file to upload', FILE_ID));
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    setErrors(NO_ERRORS);
    setUpload({ fileName: file.name, percent: 0 });
    try {
      const attachment = await uploadAttachment(entryId, file, {
        title,
        signal: abort.signal,
        onProgress: ({ percent }) => setUpload({ fileName: file.name, percent }),
      });
      queryClient.setQueryData<Attachment[]>(attachmentKeys.list(entryId), (old) => (old ? [...old, attachment] : old));
      void queryClient.invalidateQueries({ queryKey: attachmentKeys.list(entryId) });
      setUploaded(attachment.file_name);
      setFile(null);
      setTitle('');
      if (input.current) input.current.value = '';
    } catch (error) {
      if (error instanceof UploadAbortedError) {
        if (!abort.signal.aborted) setErrors(single('The upload was cancelled', FILE_ID));
        return;
      }
      setErrors(uploadErrors(error));
    } finally {
      setUpload(null);
      controller.current = null;
    }
  }

  const fileError = errors.fields[FILE_ID];
  const describedBy = [`${FILE_ID}-hint`, fileError ? `${FILE_ID}-error` : null].filter(Boolean).join(' ');
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="app-attachment-upload">
      <ErrorSummary errors={errors.summary} />
      <h3 className="govuk-heading-s">Add a file</h3>
      <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor={FILE_ID}>
          Upload a file
        </label>
        <div className="govuk-hint" id={`${FILE_ID}-hint`}>
          Evidence such as survey results or a report: PDF, Word (DOCX), Excel (XLSX), CSV, text (TXT), PNG or JPEG,
          up to 25 MB.
        </div>
        <ErrorMessage id={FILE_ID} error={fileError} />
        <input
          ref={input}
          className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
          id={FILE_ID}
          name="file"
          type="file"
          accept={ACCEPT}
          aria-describedby={describedBy}
          disabled={upload !== null}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setUploaded(null);
            setErrors(NO_ERRORS);
          }}
        />
      </div>
      <TextInput
        id={TITLE_ID}
        label="Title (optional)"
        hint="What the file is, as the update calls it. For example, Appendix 2."
        error={errors.fields[TITLE_ID]}
        value={title}
        onChange={setTitle}
        width="govuk-!-width-two-thirds"
      />
      {upload ? (
        <div className="app-upload-progress">
          <label className="govuk-label govuk-!-margin-bottom-0" htmlFor="attachment-progress">
            Uploading {upload.fileName}
          </label>
          <progress id="attachment-progress" className="app-upload-progress__bar" max={100} value={upload.percent}>
            {upload.percent}%
          </progress>
          <span className="govuk-body govuk-!-margin-bottom-0" aria-hidden="true" data-testid="upload-percent">
            {upload.percent}%
          </span>
        </div>
      ) : null}
      {/* One live region, there from the start: screen readers announce a change to a region
          they already know, and may miss one that appears with its text already in it. */}
      <p className={uploaded && !upload ? 'govuk-body' : 'govuk-visually-hidden'} role="status">
        {upload ? `Uploading ${upload.fileName}` : uploaded ? `${uploaded} was uploaded.` : ''}
      </p>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={upload !== null}>
          Upload file
        </button>
        {upload ? (
          <button type="button" className="govuk-button govuk-button--warning" onClick={() => controller.current?.abort()}>
            Cancel upload
          </button>
        ) : null}
      </div>
    </form>
  );
}

function WithdrawForm({
  entryId,
  attachment,
  onDone,
}: {
  entryId: string;
  attachment: Attachment;
  onDone: (withdrawn: string | null) => void;
}) {
  const withdraw = useWithdrawAttachment(entryId);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = `withdraw-${attachment.id}`;

  useEffect(() => heading.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (withdraw.isPending) return;
    if (!reason.trim()) {
      setErrors(single('Say why you are withdrawing the file', REASON_ID));
      return;
    }
    withdraw.mutate(
      { id: attachment.id, reason: reason.trim() },
      {
        onSuccess: () => onDone(attachment.file_name),
        onError: (error) =>
          setErrors(
            problemErrors(error, (field) =>
              field === 'reason' ? { id: REASON_ID, label: 'Why the file is withdrawn' } : undefined,
            ),
          ),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="app-attachment-withdraw" aria-labelledby={headingId}>
      <ErrorSummary errors={errors.summary} />
      <h3 className="govuk-heading-s" id={headingId} ref={heading} tabIndex={-1}>
        Withdraw {attachment.file_name}?
      </h3>
      <p className="govuk-body">It stays listed with your reason, but nobody can download it any more.</p>
      <Textarea
        id={REASON_ID}
        label="Why are you withdrawing it?"
        hint="For example, uploaded to the wrong recommendation."
        error={errors.fields[REASON_ID]}
        value={reason}
        onChange={setReason}
        rows={2}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--warning" disabled={withdraw.isPending}>
          Yes, withdraw it
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AttachmentTable({
  items,
  canChange,
  onWithdraw,
}: {
  items: readonly Attachment[];
  canChange: boolean;
  onWithdraw: (attachment: Attachment) => void;
}) {
  return (
    <div className="app-table-scroll" role="region" aria-label="Files attached to this update" tabIndex={0}>
      <table className="govuk-table app-attachments__table">
        <caption className="govuk-table__caption govuk-visually-hidden">Files attached to this update</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              File
            </th>
            <th scope="col" className="govuk-table__header">
              Added
            </th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {items.map((a) => {
            const withdrawn = Boolean(a.withdrawn_at);
            return (
              <tr className="govuk-table__row" key={a.id}>
                <td className="govuk-table__cell">
                  {a.title ? (
                    <>
                      <strong>{a.title}</strong>
                      <br />
                    </>
                  ) : null}
                  <span className={withdrawn ? 'app-withdrawn' : undefined}>{a.file_name}</span>
                  <br />
                  <span className="govuk-body-s app-secondary-text">
                    {KINDS[a.content_type] ?? a.content_type}, {formatSize(a.size_bytes)}
                  </span>
                  {withdrawn ? (
                    <>
                      <br />
                      <Tag colour="grey">Withdrawn</Tag>{' '}
                      <span className="govuk-body-s">
                        {a.withdrawn_at ? formatInstant(a.withdrawn_at) : ''}
                        {a.withdrawn_reason ? `: ${a.withdrawn_reason}` : ''}
                      </span>
                    </>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  {formatInstant(a.created_at)}
                  <br />
                  <span className="govuk-body-s app-secondary-text">by {a.uploaded_by}</span>
                </td>
                <td className="govuk-table__cell">
                  {withdrawn ? null : (
                    <ul className="govuk-list app-cell-list">
                      <li>
                        <DownloadButton
                          hiddenSuffix={a.file_name}
                          what={`file ${a.file_name}`}
                          source={() => documents.attachment(a.id, a.file_name)}
                        >
                          Download
                        </DownloadButton>
                      </li>
                      {canChange ? (
                        <li>
                          <button type="button" className="govuk-link app-link-button" onClick={() => onWithdraw(a)}>
                            Withdraw <span className="govuk-visually-hidden">{a.file_name}</span>
                          </button>
                        </li>
                      ) : null}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type Props = {
  entry: ProgressEntry;
  /** Whether the user may attach and withdraw files: by default, whether they may change the entry. */
  canChange?: boolean;
  headingLevel?: 2 | 3;
};

/**
 * The files attached to a progress update as evidence ("Appendix 2 - survey results"): listed
 * for everyone who sees the update; added (with upload progress) and withdrawn by whoever may
 * change it (its organisation's contributors while it is a draft or returned, council officers
 * until it is accepted).
 */
export function Attachments({ entry, canChange = entry.editable, headingLevel = 2 }: Props) {
  const list = useAttachments(entry.id);
  const [withdrawing, setWithdrawing] = useState<Attachment | null>(null);
  const [withdrawn, setWithdrawn] = useState<string | null>(null);
  const Heading = `h${headingLevel}` as const;
  const items = list.data ?? [];

  return (
    <section className="app-attachments" aria-labelledby="attachments-heading">
      <Heading className="govuk-heading-m" id="attachments-heading">
        Attachments
      </Heading>
      {withdrawn ? (
        <p className="govuk-body" role="status">
          {withdrawn} was withdrawn.
        </p>
      ) : null}
      {list.isPending ? (
        <p className="govuk-body app-loading">Loading the attachments…</p>
      ) : list.isError ? (
        // Not an alert: the update itself is shown, only its list of files is missing.
        <p className="govuk-body">
          The attachments could not be loaded. Try again in a few minutes.
          {list.error instanceof ApiError && list.error.problem?.request_id
            ? ` If it happens again, quote reference ${list.error.problem.request_id}.`
            : ''}
        </p>
      ) : items.length === 0 ? (
        <p className="govuk-body">No files are attached to this update.</p>
      ) : (
        <AttachmentTable
          items={items}
          canChange={canChange}
          onWithdraw={(a) => {
            setWithdrawn(null);
            setWithdrawing(a);
          }}
        />
      )}
      {canChange && withdrawing ? (
        <WithdrawForm
          key={withdrawing.id}
          entryId={entry.id}
          attachment={withdrawing}
          onDone={(name) => {
            setWithdrawing(null);
            setWithdrawn(name);
          }}
        />
      ) : null}
      {canChange ? <UploadForm entryId={entry.id} /> : null}
    </section>
  );
}
