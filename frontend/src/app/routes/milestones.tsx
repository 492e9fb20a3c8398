import { useQueries } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { ActionsExport } from '@/features/documents/components/paper-downloads';
import { useActions } from '@/features/plans/api/get-actions';
import type { ActionsQuery } from '@/features/plans/api/keys';
import { MilestonesTable, type ReviewInfo } from '@/features/plans/components/milestones-table';
import { DUE_WINDOWS, dueWindow, todayInUk, windowQuery, type DueWindow } from '@/features/plans/lib/due-window';
import { reviewQuery } from '@/features/reviews/api/get-review';

const PAGE_SIZE = 25;

function search(due: DueWindow, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (due !== 'soon') params.set('due', due);
  if (cursor) params.set('cursor', cursor);
  const s = params.toString();
  return s ? `/milestones?${s}` : '/milestones';
}

/**
 * Open actions by when their milestones fall due: overdue, or due in the next 30 or 90 days (the
 * window in the address), each with its review, recommendation, who is responsible and its
 * milestones, the overdue ones flagged.
 */
export default function MilestonesRoute() {
  const [params, setParams] = useSearchParams();
  const due = dueWindow(params.get('due'));
  const cursor = params.get('cursor');
  const [today] = useState(() => todayInUk());
  const filters: ActionsQuery = { status: 'open', ...windowQuery(due, today) };
  const query: ActionsQuery = { ...filters, limit: PAGE_SIZE };
  if (cursor) query.cursor = cursor;
  const actions = useActions(query);
  const reviewIds = [...new Set((actions.data?.items ?? []).map((a) => a.review_id))];
  const details = useQueries({ queries: reviewIds.map((id) => ({ ...reviewQuery(id), staleTime: 60_000 })) });
  const reviews = new Map<string, ReviewInfo>();
  details.forEach((q) => {
    if (q.data) reviews.set(q.data.id, { title: q.data.title, recommendations: q.data.recommendations ?? [] });
  });

  const [choice, setChoice] = useState<DueWindow>(due);
  const [seen, setSeen] = useState(due);
  if (seen !== due) {
    setSeen(due);
    setChoice(due);
  }
  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(new URL(search(choice), globalThis.location.origin).searchParams);
  }
  const label = DUE_WINDOWS.find((w) => w.value === due)!.label;
  const stale = actions.error instanceof ApiError && actions.error.status >= 400 && actions.error.status < 500 && Boolean(cursor);

  return (
    <>
      <PageTitle title="Milestones due" />
      <h1 className="govuk-heading-l">Milestones due</h1>
      <p className="govuk-body">
        The open actions of agreed action plans by the dates their milestones fall due. A milestone given to the month is
        due by the end of that month.
      </p>
      <form className="app-filters" onSubmit={apply} role="search" aria-label="Filter milestones">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-due">
            Show
          </label>
          <select
            className="govuk-select"
            id="filter-due"
            name="due"
            value={choice}
            onChange={(e) => setChoice(dueWindow(e.target.value))}
          >
            {DUE_WINDOWS.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Apply filter
          </button>
          {due !== 'soon' ? <Link to="/milestones">Clear filter</Link> : null}
        </div>
      </form>
      {actions.isPending ? (
        <Loading label="Loading the actions" />
      ) : actions.isError ? (
        stale ? (
          <div className="govuk-inset-text">
            This page of results is no longer available. <Link to={search(due)}>Go to the first page</Link>.
          </div>
        ) : (
          <QueryError error={actions.error} what="the actions" />
        )
      ) : actions.data.items.length === 0 ? (
        <p className="govuk-body">
          {due === 'overdue' ? 'No open action has a milestone overdue.' : 'No open action has a milestone in this period.'}
        </p>
      ) : (
        <>
          <MilestonesTable
            actions={actions.data.items}
            reviews={reviews}
            today={today}
            caption={`${label}${cursor ? ' (continued)' : ''}`}
          />
          <NextPage
            next={actions.data.next_cursor ? search(due, actions.data.next_cursor) : null}
            first={cursor ? search(due) : null}
          />
          <ActionsExport query={filters} heading="Download these actions" />
        </>
      )}
    </>
  );
}
