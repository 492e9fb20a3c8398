// What council staff do with a response besides writing it: publish it once received, or remove
// it while awaited when it was recorded by mistake.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '@/api/problem';
import type { StatutoryResponse } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { DateInput, EMPTY_DATE, isoDate, type DateParts } from '@/components/ui/form';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { responseKeys } from '../api/keys';
import { useDeleteResponse, usePublishResponse } from '../api/write-response';
import { locateField } from '../lib/draft';

const STALE = {
  fields: {},
  summary: [
    {
      text: 'Someone else changed this response after you opened this page. The page now shows the latest version: check it and try again.',
    },
  ],
};

/** Publishing a received response, on the day given or today. */
export function PublishForm({ response, onDone }: { response: StatutoryResponse; onDone: (r: StatutoryResponse, message: string) => void }) {
  const queryClient = useQueryClient();
  const publish = usePublishResponse(response.id);
  const [day, setDay] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (publish.isPending) return;
    const on = isoDate(day);
    if (on === 'invalid') {
      const text = 'Date published: enter a real date, for example 24 3 2022';
      setErrors({ fields: { 'published_on-day': text }, summary: [{ field: 'published_on-day', text }] });
      return;
    }
    setErrors(NO_ERRORS);
    publish.mutate(
      { version: response.version, publishedOn: on },
      {
        onSuccess: (published) => onDone(published, 'The response has been published'),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors(STALE);
            void queryClient.invalidateQueries({ queryKey: responseKeys.detail(response.id) });
            return;
          }
          setErrors(problemErrors(error, (field) => locateField(response, field)));
        },
      },
    );
  }

  return (
    <section className="app-block" aria-labelledby="publish-heading">
      <h2 className="govuk-heading-m" id="publish-heading">
        Publish the response
      </h2>
      <ErrorSummary errors={errors.summary} />
      <p className="govuk-body">Once published, everyone who uses the service can read it, and it can no longer be changed.</p>
      <form onSubmit={submit} noValidate aria-labelledby="publish-heading">
        <DateInput
          id="published_on"
          legend="Date published (optional)"
          hint="Leave it blank for today. For example, 24 3 2022"
          error={errors.fields['published_on-day']}
          value={day}
          onChange={setDay}
        />
        <button type="submit" className="govuk-button" disabled={publish.isPending}>
          Publish
        </button>
      </form>
    </section>
  );
}

/** Removing a response recorded by mistake: asks first, then goes back to the review. */
export function RemoveResponse({ response }: { response: StatutoryResponse }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useDeleteResponse(response.id);
  const [asking, setAsking] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function confirm() {
    if (remove.isPending) return;
    setErrors(NO_ERRORS);
    remove.mutate(response.version, {
      onSuccess: () => void navigate(`/reviews/${response.review_id}#responses`),
      onError: (error) => {
        setAsking(false);
        if (error instanceof ApiError && error.status === 412) {
          setErrors(STALE);
          void queryClient.invalidateQueries({ queryKey: responseKeys.detail(response.id) });
          return;
        }
        setErrors(problemErrors(error, () => undefined));
      },
    });
  }

  return (
    <section className="app-block" aria-labelledby="remove-heading">
      <h2 className="govuk-heading-m" id="remove-heading">
        Remove the response
      </h2>
      <ErrorSummary errors={errors.summary} />
      {asking ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Remove {response.responder_name}&apos;s response and everything written in it? This cannot be undone.
          </strong>
        </div>
      ) : (
        <p className="govuk-body">Only while it is awaited, when it was recorded by mistake.</p>
      )}
      <div className="govuk-button-group">
        {asking ? (
          <>
            <button type="button" className="govuk-button govuk-button--warning" onClick={confirm} disabled={remove.isPending}>
              Yes, remove it
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAsking(false)}>
              No, keep it
            </button>
          </>
        ) : (
          <button type="button" className="govuk-button govuk-button--warning" onClick={() => setAsking(true)}>
            Remove this response
          </button>
        )}
      </div>
    </section>
  );
}
