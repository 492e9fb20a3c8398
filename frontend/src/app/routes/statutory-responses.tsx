import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { oneOf, type Me, type ResponseState } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isContributor } from '@/features/auth/lib/roles';
import { useResponses } from '@/features/responses/api/get-responses';
import type { ResponsesQuery } from '@/features/responses/api/keys';
import { ResponsesTable } from '@/features/responses/components/responses-table';
import { RESPONSE_STATE_VALUES, RESPONSE_STATES } from '@/features/responses/lib/labels';

const PAGE_SIZE = 25;

/** `all`, or one state; a partner sees what it owes (awaited) unless it asks for more. */
type StateChoice = ResponseState | 'all';

type Filters = { state: StateChoice; overdue: boolean };

function defaults(me: Me | undefined): Filters {
  return { state: me && isContributor(me) ? 'awaited' : 'all', overdue: false };
}

function filtersOf(params: URLSearchParams, me: Me | undefined): Filters {
  const raw = params.get('state');
  const state: StateChoice = raw === 'all' ? 'all' : (oneOf(RESPONSE_STATE_VALUES, raw) ?? defaults(me).state);
  return { state, overdue: params.get('overdue') === 'true' };
}

/** The address of a list: only what differs from the user's defaults, so the plain link is the default. */
function search(filters: Filters, me: Me | undefined, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (filters.state !== defaults(me).state) params.set('state', filters.state);
  if (filters.overdue) params.set('overdue', 'true');
  if (cursor) params.set('cursor', cursor);
  const s = params.toString();
  return s ? `/statutory-responses?${s}` : '/statutory-responses';
}

function FiltersForm({ filters, onApply, cleared }: { filters: Filters; onApply: (f: Filters) => void; cleared: string | null }) {
  const [draft, setDraft] = useState(filters);
  const [seen, setSeen] = useState(filters);
  if (seen.state !== filters.state || seen.overdue !== filters.overdue) {
    setSeen(filters);
    setDraft(filters);
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }
  return (
    <form className="app-filters" onSubmit={submit} role="search" aria-label="Filter responses">
      <div className="app-filters__fields">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-state">
            State
          </label>
          <select
            className="govuk-select"
            id="filter-state"
            name="state"
            value={draft.state}
            onChange={(e) => setDraft((d) => ({ ...d, state: (e.target.value as StateChoice) || 'all' }))}
          >
            <option value="all">Any state</option>
            {RESPONSE_STATE_VALUES.map((s) => (
              <option key={s} value={s}>
                {RESPONSE_STATES[s].label}
              </option>
            ))}
          </select>
        </div>
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
              onChange={(e) => setDraft((d) => ({ ...d, overdue: e.target.checked }))}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="filter-overdue">
              Only overdue responses
            </label>
          </div>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          Apply filters
        </button>
        {cleared ? <Link to={cleared}>Clear filters</Link> : null}
      </div>
    </form>
  );
}

/**
 * Statutory responses the user may see, soonest due first, filtered by state and overdue (the
 * filters in the address). A partner's contributor starts with what its organisation owes.
 */
export default function StatutoryResponsesRoute() {
  const me = useMe();
  if (me.isPending) return <Loading label="Loading your account" />;
  if (me.isError) return <QueryError error={me.error} what="your account" />;
  return <ResponsesList me={me.data} />;
}

function ResponsesList({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params, me);
  const cursor = params.get('cursor');
  const query: ResponsesQuery = { limit: PAGE_SIZE };
  if (filters.state !== 'all') query.state = filters.state;
  if (filters.overdue) query.overdue = true;
  if (cursor) query.cursor = cursor;
  const responses = useResponses(query);
  const partner = isContributor(me);
  const filtered = search(filters, me) !== search(defaults(me), me);
  const stale = responses.error instanceof ApiError && responses.error.status >= 400 && responses.error.status < 500 && Boolean(cursor);
  const caption =
    partner && filters.state === 'awaited' ? `Responses ${me.organisation.name} owes` : 'Statutory responses';

  return (
    <>
      <PageTitle title="Statutory responses" />
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{me.organisation.name}</span>
        Statutory responses
      </h1>
      <p className="govuk-body">
        {partner
          ? `The responses ${me.organisation.name} must give to scrutiny reviews' reports, soonest due first. Open one to write it and submit it to the council.`
          : "Responses of the executive and responsible partners to scrutiny reviews' reports, soonest due first."}
      </p>
      <FiltersForm
        filters={filters}
        onApply={(next) => setParams(new URL(search(next, me), window.location.origin).searchParams)}
        cleared={filtered ? '/statutory-responses' : null}
      />
      {responses.isPending ? (
        <Loading label="Loading the responses" />
      ) : responses.isError ? (
        stale ? (
          <div className="govuk-inset-text">
            This page of results is no longer available. <Link to={search(filters, me)}>Go to the first page</Link>.
          </div>
        ) : (
          <QueryError error={responses.error} what="the responses" />
        )
      ) : responses.data.items.length === 0 ? (
        <p className="govuk-body">
          {partner && filters.state === 'awaited' && !filters.overdue
            ? `${me.organisation.name} has no responses to give at the moment.`
            : 'No responses match these filters.'}
        </p>
      ) : (
        <>
          <ResponsesTable
            responses={responses.data.items}
            caption={cursor ? `${caption} (continued)` : caption}
            showReview
          />
          <NextPage
            next={responses.data.next_cursor ? search(filters, me, responses.data.next_cursor) : null}
            first={cursor ? search(filters, me) : null}
          />
        </>
      )}
    </>
  );
}
