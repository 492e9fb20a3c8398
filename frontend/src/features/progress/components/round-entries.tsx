import { useState, type FormEvent } from 'react';
import type { ProgressEntry } from '@/api/types';
import { Link } from '@/components/ui/link';
import { ENTRY_STATES } from '../lib/states';
import { EntryStateTag, OverdueTag } from './entry-state-tag';
import { GradeValue } from './grades';

export type EntryFilterValues = { state: string; differ: boolean };

/** The round's entries that pass the filters. */
export function filterEntries(entries: readonly ProgressEntry[], values: EntryFilterValues): ProgressEntry[] {
  return entries.filter((e) => {
    if (values.state && e.state !== values.state) return false;
    if (values.differ) {
      const g = e.grades;
      if (!(g.proposed_differs_from_officer || g.officer_differs_from_accepted || g.proposed_differs_from_accepted)) {
        return false;
      }
    }
    return true;
  });
}

type FilterProps = {
  values: EntryFilterValues;
  onApply: (values: EntryFilterValues) => void;
  clearTo: string;
};

/** Status and "grades differ" filters; the page keeps them in its address. */
export function EntryFilters({ values, onApply, clearTo }: FilterProps) {
  const [state, setState] = useState(values.state);
  const [differ, setDiffer] = useState(values.differ);
  const [seen, setSeen] = useState(values);
  if (seen.state !== values.state || seen.differ !== values.differ) {
    setSeen(values);
    setState(values.state);
    setDiffer(values.differ);
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ state, differ });
  }
  const filtered = values.state !== '' || values.differ;
  return (
    <form className="app-filters" onSubmit={submit} role="search" aria-label="Filter updates">
      <div className="app-filters__fields">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-state">
            Status
          </label>
          <select
            className="govuk-select"
            id="filter-state"
            name="state"
            value={state}
            onChange={(e) => setState(e.target.value)}
          >
            <option value="">All statuses</option>
            {ENTRY_STATES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group app-filters__checkbox">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="filter-differ"
                name="differ"
                type="checkbox"
                checked={differ}
                onChange={(e) => setDiffer(e.target.checked)}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="filter-differ">
                Only where the grades differ
              </label>
            </div>
          </div>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          Apply filters
        </button>
        {filtered ? <Link to={clearTo}>Clear filters</Link> : null}
      </div>
    </form>
  );
}

function entryName(e: ProgressEntry): string {
  return e.part ? `${e.recommendation.number}${e.part.label})` : e.recommendation.number;
}

/**
 * The round's entries: who reports, the state, and the proposed, officer's and accepted grades
 * side by side with each difference marked in words.
 */
export function RoundEntriesTable({ entries, caption }: { entries: readonly ProgressEntry[]; caption: string }) {
  return (
    <table className="govuk-table app-table--responsive app-round-entries">
      {/* The page's "Updates" heading says it for sight. */}
      <caption className="govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Recommendation
          </th>
          <th scope="col" className="govuk-table__header">
            Reported by
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
          <th scope="col" className="govuk-table__header">
            Proposed grade
          </th>
          <th scope="col" className="govuk-table__header">
            Officer&apos;s grade
          </th>
          <th scope="col" className="govuk-table__header">
            Accepted grade
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {entries.map((e) => {
          const g = e.grades;
          return (
            <tr className="govuk-table__row" key={e.id}>
              <th scope="row" className="govuk-table__header app-table__title">
                <Link to={`/progress-entries/${e.id}`}>Recommendation {entryName(e)}</Link>
              </th>
              <td className="govuk-table__cell" data-label="Reported by">
                {e.organisation?.name ?? 'The council'}
              </td>
              <td className="govuk-table__cell" data-label="Status">
                <EntryStateTag entry={e} /> {e.overdue ? <OverdueTag /> : null}
              </td>
              <td className="govuk-table__cell" data-label="Proposed grade">
                <GradeValue grade={g.proposed} />
              </td>
              <td className="govuk-table__cell" data-label="Officer's grade">
                <GradeValue grade={g.officer} differs={g.proposed_differs_from_officer} from="proposed" />
              </td>
              <td className="govuk-table__cell" data-label="Accepted grade">
                <GradeValue
                  grade={g.accepted}
                  differs={g.officer_differs_from_accepted || g.proposed_differs_from_accepted}
                  from={g.officer_differs_from_accepted ? "officer's" : 'proposed'}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
