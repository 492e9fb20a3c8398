import { useState, type FormEvent } from 'react';
import { Select, type SelectOption } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import type { RecommendationSort } from '../api/keys';
import { RECOMMENDATION_STATUSES } from './recommendation-status';

/** Each order in words; the type check fails if one is missing. */
const SORT_LABELS: Record<RecommendationSort, string> = {
  position: 'By review and number',
  updated: 'Latest change first',
  relevance: 'Best match first',
};

/** Every order the API knows, for reading one from a URL. */
export const RECOMMENDATION_SORTS = Object.keys(SORT_LABELS) as RecommendationSort[];

/**
 * The orders offered. The API's default is sent as no `sort`: the best match first when searching,
 * by review and number otherwise.
 */
export function sortOptions(searching: boolean): readonly { value: RecommendationSort | ''; label: string }[] {
  return searching
    ? [
        { value: '', label: SORT_LABELS.relevance },
        { value: 'position', label: SORT_LABELS.position },
        { value: 'updated', label: SORT_LABELS.updated },
      ]
    : [
        { value: '', label: SORT_LABELS.position },
        { value: 'updated', label: SORT_LABELS.updated },
      ];
}

export type RecommendationFilterValues = {
  committee: string;
  review: string;
  organisation: string;
  status: string;
  q: string;
  overdue: boolean;
  sort: string;
};

export const NO_FILTERS: RecommendationFilterValues = {
  committee: '',
  review: '',
  organisation: '',
  status: '',
  q: '',
  overdue: false,
  sort: '',
};

type Props = {
  values: RecommendationFilterValues;
  committees: readonly SelectOption[];
  reviews: readonly SelectOption[];
  organisations: readonly SelectOption[];
  onApply: (values: RecommendationFilterValues) => void;
};

function same(a: RecommendationFilterValues, b: RecommendationFilterValues): boolean {
  return (Object.keys(a) as (keyof RecommendationFilterValues)[]).every((k) => a[k] === b[k]);
}

/** Search and filters of the recommendations list; applying them starts from the first page. */
export function RecommendationFilters({ values, committees, reviews, organisations, onApply }: Props) {
  const [draft, setDraft] = useState(values);
  const [seen, setSeen] = useState(values);
  if (!same(seen, values)) {
    // The URL changed (back button, a shared link): show what it says.
    setSeen(values);
    setDraft(values);
  }
  const set =
    <K extends keyof RecommendationFilterValues>(key: K) =>
    (value: RecommendationFilterValues[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  const filtered = !same(values, NO_FILTERS);
  return (
    <form className="app-filters" onSubmit={submit} role="search" aria-label="Filter recommendations">
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="filter-q">
          Search
        </label>
        <div id="filter-q-hint" className="govuk-hint">
          Words in the recommendation, its parts or its actions. Use quotes for an exact phrase.
        </div>
        <input
          className="govuk-input govuk-!-width-two-thirds"
          id="filter-q"
          name="q"
          type="search"
          aria-describedby="filter-q-hint"
          value={draft.q}
          onChange={(e) => set('q')(e.target.value)}
        />
      </div>
      <div className="app-filters__fields">
        <Select
          id="filter-committee"
          label="Committee"
          placeholder="All committees"
          options={committees}
          value={draft.committee}
          onChange={set('committee')}
        />
        <Select
          id="filter-review"
          label="Review"
          placeholder="All reviews"
          options={reviews}
          value={draft.review}
          onChange={set('review')}
        />
        <Select
          id="filter-organisation"
          label="Responsible organisation"
          placeholder="All organisations"
          options={organisations}
          value={draft.organisation}
          onChange={set('organisation')}
        />
        <Select
          id="filter-status"
          label="Status"
          placeholder="All statuses"
          options={RECOMMENDATION_STATUSES}
          value={draft.status}
          onChange={set('status')}
        />
        <Select
          id="filter-sort"
          label="Order"
          options={sortOptions(draft.q.trim() !== '')}
          value={draft.sort === 'relevance' ? '' : draft.sort}
          onChange={set('sort')}
        />
      </div>
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="filter-overdue"
              name="overdue"
              type="checkbox"
              checked={draft.overdue}
              onChange={(e) => set('overdue')(e.target.checked)}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="filter-overdue">
              Only those with an overdue action
            </label>
          </div>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          Apply filters
        </button>
        {filtered ? <Link to="/recommendations">Clear filters</Link> : null}
      </div>
    </form>
  );
}
