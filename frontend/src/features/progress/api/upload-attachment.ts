// Uploading a file to a progress entry with progress reports. fetch (and so openapi-fetch)
// cannot report upload progress, so this one request goes through XMLHttpRequest, with the same
// Bearer token as the API client: refreshed first when about to expire, and once more after a 401.
import { refreshAccessToken } from '@/api/client';
import { ApiError, isProblem } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { Attachment } from '@/api/types';
import { endSession, getSession } from '@/lib/session';

const UPLOAD_PATH = '/api/v1/progress-entries/{id}/attachments' satisfies keyof paths;
/** As the API client: refresh this long before the access token expires. */
const EXPIRY_MARGIN_MS = 30_000;

type Created = paths[typeof UPLOAD_PATH]['post']['responses'][201]['content']['application/json'];

export type UploadProgress = { loaded: number; total: number; percent: number };

export type UploadOptions = {
  title?: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
};

/** The upload was cancelled by the user. */
export class UploadAbortedError extends Error {
  constructor() {
    super('The upload was cancelled');
    this.name = 'UploadAbortedError';
  }
}

function uploadUrl(entryId: string): string {
  const origin = globalThis.location?.origin ?? 'http://localhost';
  return `${origin}${UPLOAD_PATH.replace('{id}', encodeURIComponent(entryId))}`;
}

/** The access token to send now, refreshed when it is about to expire; null without a session. */
async function currentToken(): Promise<string | null> {
  const session = getSession();
  if (!session) return null;
  if (session.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return session.accessToken;
  const token = await refreshAccessToken(session.accessToken);
  if (!token) endSession('expired');
  return token;
}

type Answer = { status: number; body: unknown; retryAfter: number | null };

function send(url: string, token: string | null, form: FormData, key: string, options: UploadOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Idempotency-Key', key);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    const abort = () => xhr.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const done = () => options.signal?.removeEventListener('abort', abort);
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable || event.total === 0) return;
      options.onProgress?.({
        loaded: event.loaded,
        total: event.total,
        percent: Math.min(100, Math.round((event.loaded / event.total) * 100)),
      });
    };
    xhr.onload = () => {
      done();
      let body: unknown = null;
      const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
      }
      const after = Number(xhr.getResponseHeader('Retry-After'));
      resolve({ status: xhr.status, body, retryAfter: Number.isFinite(after) && after > 0 ? after : null });
    };
    xhr.onerror = () => {
      done();
      reject(new TypeError('The upload could not reach the service'));
    };
    xhr.onabort = () => {
      done();
      reject(new UploadAbortedError());
    };
    if (options.signal?.aborted) {
      xhr.abort();
      return;
    }
    xhr.send(form);
  });
}

/**
 * Attaches `file` to the entry (`multipart/form-data`: `file`, and `title` when given). Resolves
 * with the attachment; rejects with an `ApiError` carrying the problem (413, 415, 422…), an
 * `UploadAbortedError` when cancelled, or a `TypeError` when the service cannot be reached.
 */
export async function uploadAttachment(entryId: string, file: File, options: UploadOptions = {}): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const title = options.title?.trim();
  if (title) form.append('title', title);
  // One key for the request and its repeat after a refresh: the API writes it once.
  const key = crypto.randomUUID();
  const url = uploadUrl(entryId);

  let token = await currentToken();
  let answer = await send(url, token, form, key, options);
  if (answer.status === 401 && token) {
    token = await refreshAccessToken(token);
    if (!token) {
      endSession('expired');
    } else {
      options.onProgress?.({ loaded: 0, total: file.size, percent: 0 });
      answer = await send(url, token, form, key, options);
      if (answer.status === 401) endSession('expired');
    }
  }
  if (answer.status === 201 || answer.status === 200) return answer.body as Created;
  throw new ApiError(answer.status, isProblem(answer.body) ? answer.body : null, answer.retryAfter);
}
