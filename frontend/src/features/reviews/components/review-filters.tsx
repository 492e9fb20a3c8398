import { useState, type FormEvent } from 'react';
import type { Committee } from '@/api/types';
import { Link } from '@/components/ui/link';
import { REVIEW_STATUSES } from '../lib/statuses';

/** The filters as kept in the address; `''` means no filter. */
export type ReviewFilterValues = { committee: string; status: string; reference: string };

/** The API compares at most this many characters of a reference. */
export const REFERENCE_MAX_LENGTH = 100;

type Props = {
  values: ReviewFilterValues;
  committees: readonly Committee[];
  onApply: (values: ReviewFilterValues) => void;
};

/** Committee, status and reference filters; applying them starts again from the first page. */
export function ReviewFilters({ values, committees, onApply }: Props) {
  const [committee, setCommittee] = useState(values.committee);
  const [status, setStatus] = useState(values.status);
  const [reference, setReference] = useState(values.reference);
  const [seen, setSeen] = useState(values);
  if (seen.committee !== values.committee || seen.status !== values.status || seen.reference !== values.reference) {
    // The URL changed (back button, a shared link): show what it says.
    setSeen(values);
    setCommittee(values.committee);
    setStatus(values.status);
    setReference(values.reference);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ committee, status, reference: reference.trim() });
  }

  const filtered = values.committee !== '' || values.status !== '' || values.reference !== '';
  return (
    <form className="app-filters" onSubmit={submit} role="search" aria-label="Filter reviews">
      <div className="app-filters__fields">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-committee">
            Committee
          </label>
          <select
            className="govuk-select"
            id="filter-committee"
            name="committee"
            value={committee}
            onChange={(e) => setCommittee(e.target.value)}
          >
            <option value="">All committees</option>
            {committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-status">
            Status
          </label>
          <select
            className="govuk-select"
            id="filter-status"
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
          >
            <option value="">All statuses</option>
            {REVIEW_STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-reference">
            Reference
          </label>
          <input
            className="govuk-input govuk-input--width-10"
            id="filter-reference"
            name="reference"
            type="search"
            spellCheck={false}
            autoComplete="off"
            maxLength={REFERENCE_MAX_LENGTH}
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          Apply filters
        </button>
        {filtered ? <Link to="/reviews">Clear filters</Link> : null}
      </div>
    </form>
  );
}
