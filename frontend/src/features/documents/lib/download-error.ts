import { ApiError } from '@/api/problem';

/** Why a download failed, in words for the person who asked for it. */
export function downloadErrorMessage(error: unknown, what: string): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 403:
        return `You do not have permission to download the ${what}.`;
      case 404:
        return `The ${what} could not be found. It may have been removed, or you can no longer see it.`;
      case 410:
        return `The ${what} was withdrawn and can no longer be downloaded.`;
      case 400:
      case 409:
      case 422: {
        const detail = error.problem?.detail ?? error.problem?.title;
        return detail ? `The ${what} could not be downloaded: ${detail.trim()}` : `The ${what} could not be downloaded.`;
      }
      case 429:
      case 503:
        return `The service is busy, so the ${what} could not be downloaded. Try again in a few minutes.`;
      default: {
        const ref = error.problem?.request_id ? ` (reference ${error.problem.request_id})` : '';
        return `Sorry, the ${what} could not be downloaded${ref}. Try again later.`;
      }
    }
  }
  return `The ${what} could not be downloaded. Check your connection and try again.`;
}
