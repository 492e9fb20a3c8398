import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useAssessments, type AssessmentState } from '@/features/progress/api/get-assessments';
import { ProgressEntriesExport } from '@/features/documents/components/paper-downloads';
import { AssessmentsTable } from '@/features/progress/components/work-tables';

const PAGE_SIZE = 25;

function stateOf(raw: string | null): AssessmentState {
  return raw === 'submitted' || raw === 'validated' ? raw : '';
}

function search(state: AssessmentState, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (state) params.set('state', state);
  if (cursor) params.set('cursor', cursor);
  const s = params.toString();
  return s ? `/assessments?${s}` : '/assessments';
}

/** The officer's queue, filtered by what is next for each update, the filter in the address. */
export default function AssessmentsRoute() {
  const [params, setParams] = useSearchParams();
  const state = stateOf(params.get('state'));
  const cursor = params.get('cursor');
  const queue = useAssessments(state, cursor, PAGE_SIZE);
  const [choice, setChoice] = useState<AssessmentState>(state);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setChoice(state);
  }
  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(new URL(search(choice), window.location.origin).searchParams);
  }
  const stale = queue.error instanceof ApiError && queue.error.status >= 400 && queue.error.status < 500;
  return (
    <>
      <PageTitle title="Submissions to assess" />
      <h1 className="govuk-heading-l">Submissions to assess</h1>
      <form className="app-filters" onSubmit={apply} role="search" aria-label="Filter submissions">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-state">
            Waiting for
          </label>
          <select
            className="govuk-select"
            id="filter-state"
            name="state"
            value={choice}
            onChange={(e) => setChoice(stateOf(e.target.value))}
          >
            <option value="">Assessment or the committee</option>
            <option value="submitted">Assessment by an officer</option>
            <option value="validated">Acceptance by the committee</option>
          </select>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Apply filter
          </button>
          {state ? <Link to="/assessments">Clear filter</Link> : null}
        </div>
      </form>
      {queue.isPending ? (
        <Loading label="Loading submissions" />
      ) : queue.isError ? (
        stale && cursor ? (
          <div className="govuk-inset-text">
            This page is no longer available. <Link to={search(state)}>Go to the first page</Link>.
          </div>
        ) : (
          <QueryError error={queue.error} what="the submissions" />
        )
      ) : queue.data.items.length === 0 ? (
        <p className="govuk-body">Nothing is waiting{state ? ' at this stage' : ''}.</p>
      ) : (
        <>
          <AssessmentsTable entries={queue.data.items} caption={cursor ? 'Submissions (continued)' : 'Submissions'} />
          <NextPage
            next={queue.data.next_cursor ? search(state, queue.data.next_cursor) : null}
            first={cursor ? search(state) : null}
          />
          <ProgressEntriesExport
            heading="Download every submission waiting"
            headingLevel={2}
            query={{ state: state || 'submitted,validated' }}
          />
        </>
      )}
    </>
  );
}
