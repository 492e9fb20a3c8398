import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '@/api/problem';
import { oneOf, type CreateReview, type Review, type UpdateReview } from '@/api/types';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { useCommittees } from '@/features/committees/api/get-committees';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { reviewQuery } from '../api/get-review';
import { useContacts } from '../api/get-contacts';
import { useCreateReview, useUpdateReview } from '../api/write-review';
import { ConflictBanner } from './conflict-banner';
import { INITIAL_REVIEW_STATUS_VALUES } from '../lib/statuses';
import {
  EMPTY_REVIEW,
  locateReviewField,
  ReviewForm,
  reviewValues,
  type ReviewValues,
  type SubmittedReview,
} from './review-form';

function blankToNull(value: string): string | null {
  return value.trim() ? value.trim() : null;
}

/** The create review page: on success, the new review's page. */
export function CreateReviewPage({ committeeId }: { committeeId?: string }) {
  const navigate = useNavigate();
  const committees = useCommittees();
  const contacts = useContacts();
  const create = useCreateReview();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function submit(values: SubmittedReview) {
    const body: CreateReview = {
      committee_id: values.committee_id,
      title: values.title.trim(),
      review_type: values.review_type,
      work_programme_year: blankToNull(values.work_programme_year),
      reference: blankToNull(values.reference),
      scrutiny_officer_id: values.scrutiny_officer_id || null,
      link_officer_ids: values.link_officer_ids,
      summary: blankToNull(values.summary),
      status: oneOf(INITIAL_REVIEW_STATUS_VALUES, values.status) ?? null,
    };
    create.mutate(body, {
      onSuccess: (review) => void navigate(`/reviews/${review.id}`),
      onError: (error) => setErrors(problemErrors(error, locateReviewField)),
    });
  }

  return (
    <>
      <PageTitle title="Create a review" error={errors.summary.length > 0} />
      <h1 className="govuk-heading-l">Create a review</h1>
      <ReviewForm
        mode="create"
        initial={{ ...EMPTY_REVIEW, committee_id: committeeId ?? '' }}
        committees={committees.data?.items ?? []}
        contacts={contacts.data?.items ?? []}
        errors={errors}
        pending={create.isPending}
        onSubmit={submit}
        onErrors={setErrors}
      />
      <p className="govuk-body">
        <Link to="/reviews">Cancel</Link>
      </p>
    </>
  );
}

/** The fields that differ from the review as loaded: only those are sent. */
function changes(before: ReviewValues, after: SubmittedReview): UpdateReview {
  const body: UpdateReview = {};
  if (after.committee_id !== before.committee_id) body.committee_id = after.committee_id;
  if (after.title.trim() !== before.title) body.title = after.title.trim();
  if (after.review_type !== before.review_type) body.review_type = after.review_type;
  if (after.work_programme_year.trim() !== before.work_programme_year)
    body.work_programme_year = blankToNull(after.work_programme_year);
  if (after.reference.trim() !== before.reference) body.reference = blankToNull(after.reference);
  if (after.scrutiny_officer_id !== before.scrutiny_officer_id)
    body.scrutiny_officer_id = after.scrutiny_officer_id || null;
  if (after.link_officer_ids.join() !== before.link_officer_ids.join()) body.link_officer_ids = after.link_officer_ids;
  if (after.summary.trim() !== before.summary) body.summary = blankToNull(after.summary);
  return body;
}

/** Changing a review's details, on the version loaded; a 412 keeps what was typed. */
export function EditReviewPage({ review }: { review: Review }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const committees = useCommittees();
  const contacts = useContacts();
  const update = useUpdateReview(review.id);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conflict, setConflict] = useState(false);
  const [loaded] = useState(() => reviewValues(review));

  function submit(values: SubmittedReview) {
    const body = changes(loaded, values);
    update.mutate(
      { version: review.version, body },
      {
        onSuccess: () => void navigate(`/reviews/${review.id}`),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setConflict(true);
            // The newer version: saving again replaces it.
            void queryClient.invalidateQueries({ queryKey: reviewQuery(review.id).queryKey });
            return;
          }
          setConflict(false);
          setErrors(problemErrors(error, locateReviewField));
        },
      },
    );
  }

  return (
    <>
      <PageTitle title={`Change ${review.title}`} error={errors.summary.length > 0} />
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{review.title}</span>
        Change the review details
      </h1>
      <ReviewForm
        mode="edit"
        initial={loaded}
        committees={committees.data?.items ?? []}
        contacts={contacts.data?.items ?? []}
        errors={errors}
        pending={update.isPending}
        notice={
          conflict ? (
            <ConflictBanner what="review">
              <Link to={`/reviews/${review.id}`} target="_blank" rel="noreferrer">
                see the review in a new tab
              </Link>
            </ConflictBanner>
          ) : null
        }
        onSubmit={(values) => {
          setConflict(false);
          submit(values);
        }}
        onErrors={setErrors}
      />
      <p className="govuk-body">
        <Link to={`/reviews/${review.id}`}>Cancel</Link>
      </p>
    </>
  );
}
