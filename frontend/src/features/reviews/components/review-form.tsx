import { useState, type FormEvent, type ReactNode } from 'react';
import { oneOf, type Committee, type Contact, type Review, type ReviewStatus, type ReviewType } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Checkboxes, Radios, Select, Textarea, TextInput } from '@/components/ui/form';
import { NO_ERRORS, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { REVIEW_TYPES } from '../lib/review-types';
import { INITIAL_REVIEW_STATUS_VALUES, INITIAL_REVIEW_STATUSES } from '../lib/statuses';

export type ReviewValues = {
  committee_id: string;
  title: string;
  /** Blank until one is chosen. */
  review_type: ReviewType | '';
  work_programme_year: string;
  /** The council's own reference, e.g. 2024/25-01. */
  reference: string;
  scrutiny_officer_id: string;
  link_officer_ids: string[];
  summary: string;
  /** Only when creating: the status a review recorded after the fact starts in. */
  status: ReviewStatus;
};

/** The values as submitted: the required review type has been chosen. */
export type SubmittedReview = Omit<ReviewValues, 'review_type'> & { review_type: ReviewType };

export const EMPTY_REVIEW: ReviewValues = {
  committee_id: '',
  title: '',
  review_type: '',
  work_programme_year: '',
  reference: '',
  scrutiny_officer_id: '',
  link_officer_ids: [],
  summary: '',
  status: 'proposed',
};

export function reviewValues(review: Review): ReviewValues {
  return {
    committee_id: review.committee_id,
    title: review.title,
    review_type: review.review_type,
    work_programme_year: review.work_programme_year ?? '',
    reference: review.reference ?? '',
    scrutiny_officer_id: review.scrutiny_officer?.id ?? '',
    link_officer_ids: review.link_officers.map((c) => c.id),
    summary: review.summary ?? '',
    status: review.status,
  };
}

const TARGETS: Record<string, FieldTarget> = {
  committee_id: { id: 'committee_id', label: 'Committee' },
  title: { id: 'title', label: 'Title' },
  review_type: { id: 'review_type', label: 'Review type' },
  work_programme_year: { id: 'work_programme_year', label: 'Work programme year' },
  reference: { id: 'reference', label: 'Reference' },
  scrutiny_officer_id: { id: 'scrutiny_officer_id', label: 'Scrutiny officer' },
  link_officer_ids: { id: 'link_officer_ids', label: 'Link officers' },
  summary: { id: 'summary', label: 'Summary' },
  status: { id: 'status', label: 'Status' },
};

/** Where a field the API names is on the form. */
export function locateReviewField(field: string): FieldTarget | undefined {
  return TARGETS[field.replace(/\[\d+\]$/, '')];
}

/** The checks the browser can make before asking the API: the three required fields. */
function missing(values: ReviewValues): FormErrors {
  const found: FormErrors = { fields: {}, summary: [] };
  const add = (id: string, text: string) => {
    found.fields[id] = text;
    found.summary.push({ field: id, text });
  };
  if (!values.committee_id) add('committee_id', 'Committee: choose the committee that runs the review');
  if (!values.title.trim()) add('title', 'Title: enter the title of the review');
  if (!values.review_type) add('review_type', 'Review type: choose the type of review');
  return found;
}

function contactLabel(c: Contact): string {
  return c.job_title ? `${c.name}, ${c.job_title}` : c.name;
}

type Props = {
  mode: 'create' | 'edit';
  initial: ReviewValues;
  committees: readonly Committee[];
  contacts: readonly Contact[];
  /** The API's refusal, shown as the error summary. */
  errors: FormErrors;
  pending: boolean;
  /** Shown above the form: a conflict notice. */
  notice?: ReactNode;
  onSubmit: (values: SubmittedReview) => void;
  /** The errors found before asking the API (or none, when a request starts). */
  onErrors: (errors: FormErrors) => void;
};

/** A review's details: creating one, or changing them. */
export function ReviewForm({ mode, initial, committees, contacts, errors, pending, notice, onSubmit, onErrors }: Props) {
  const [values, setValues] = useState<ReviewValues>(initial);
  const set = <K extends keyof ReviewValues>(key: K) => (value: ReviewValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const found = missing(values);
    const { review_type } = values;
    if (found.summary.length > 0 || !review_type) {
      onErrors(found);
      return;
    }
    onErrors(NO_ERRORS);
    onSubmit({ ...values, review_type });
  }

  // A committee that has been replaced is offered only when the review already belongs to it.
  const offered = committees.filter((c) => !c.successor_id || c.id === initial.committee_id);
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {notice}
      <form onSubmit={submit} noValidate>
        <Select
          id="committee_id"
          label="Committee"
          labelClass="govuk-label--s"
          placeholder="Choose a committee"
          options={offered.map((c) => ({ value: c.id, label: c.name }))}
          error={errors.fields.committee_id}
          value={values.committee_id}
          onChange={set('committee_id')}
        />
        <TextInput
          id="title"
          label="Title"
          labelClass="govuk-label--s"
          hint="As the committee's work programme names it, for example Police Communications in Stockton-on-Tees"
          error={errors.fields.title}
          value={values.title}
          onChange={set('title')}
        />
        <Radios
          id="review_type"
          name="review_type"
          legend="Review type"
          error={errors.fields.review_type}
          options={REVIEW_TYPES.map((t) => ({ value: t.value, label: t.label }))}
          value={values.review_type}
          onChange={set('review_type')}
        />
        <TextInput
          id="work_programme_year"
          label="Work programme year (optional)"
          labelClass="govuk-label--s"
          hint="For example, 2021-2022"
          width="govuk-input--width-10"
          error={errors.fields.work_programme_year}
          value={values.work_programme_year}
          onChange={set('work_programme_year')}
        />
        <TextInput
          id="reference"
          label="Reference (optional)"
          labelClass="govuk-label--s"
          hint="Your council's own reference for the review, for example 2024/25-01. A tracker import finds the review by it."
          width="govuk-input--width-10"
          error={errors.fields.reference}
          value={values.reference}
          onChange={set('reference')}
          spellCheck={false}
        />
        <Select
          id="scrutiny_officer_id"
          label="Scrutiny officer (optional)"
          labelClass="govuk-label--s"
          placeholder="None"
          options={contacts.map((c) => ({ value: c.id, label: contactLabel(c) }))}
          error={errors.fields.scrutiny_officer_id}
          value={values.scrutiny_officer_id}
          onChange={set('scrutiny_officer_id')}
        />
        {contacts.length > 0 ? (
          <Checkboxes
            id="link_officer_ids"
            name="link_officer_ids"
            legend="Link officers (optional)"
            hint="The officers who support the review, from the council and its partners"
            small
            error={errors.fields.link_officer_ids}
            options={contacts.map((c) => ({ value: c.id, label: contactLabel(c) }))}
            values={values.link_officer_ids}
            onChange={set('link_officer_ids')}
          />
        ) : null}
        <Textarea
          id="summary"
          label="Summary (optional)"
          labelClass="govuk-label--s"
          hint="The scope of the review"
          error={errors.fields.summary}
          value={values.summary}
          onChange={set('summary')}
        />
        {mode === 'create' ? (
          <Select
            id="status"
            label="Status"
            labelClass="govuk-label--s"
            hint="Proposed for a new review. For a review recorded after the fact, the status it has reached."
            options={INITIAL_REVIEW_STATUSES}
            error={errors.fields.status}
            value={values.status}
            onChange={(status) => set('status')(oneOf(INITIAL_REVIEW_STATUS_VALUES, status) ?? values.status)}
          />
        ) : null}
        <button type="submit" className="govuk-button" disabled={pending}>
          {mode === 'create' ? 'Create review' : 'Save changes'}
        </button>
      </form>
    </>
  );
}
