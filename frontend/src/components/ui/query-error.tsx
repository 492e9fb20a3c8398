import { ApiError } from '@/api/problem';

/** What went wrong loading something, with the request id to quote to support. */
export function QueryError({ error, what }: { error: unknown; what: string }) {
  const requestId = error instanceof ApiError ? error.problem?.request_id : null;
  const unavailable = error instanceof ApiError && error.status === 503;
  return (
    <div className="govuk-error-summary" role="alert">
      <h2 className="govuk-error-summary__title">
        {unavailable ? 'The service is busy' : `Sorry, ${what} could not be loaded`}
      </h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">Try again in a few minutes.</p>
        {requestId ? (
          <p className="govuk-body-s">
            If it happens again, quote reference <code>{requestId}</code>.
          </p>
        ) : null}
      </div>
    </div>
  );
}
