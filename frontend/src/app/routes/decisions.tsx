import { oneOf, type CallInState } from '@/api/types';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { ListFilters } from '@/features/admin/components/list-filters';
import { ListState } from '@/features/admin/components/list-state';
import { useListParams } from '@/features/admin/lib/use-list-params';
import { useDecisions, type DecisionsQuery } from '@/features/decisions/api/get-decisions';
import { callInStateLabel } from '@/features/decisions/components/call-in-summary';
import { DecisionsTable } from '@/features/decisions/components/decisions-table';
import { useReviews } from '@/features/reviews/api/get-reviews';

const PAGE_SIZE = 25;

const CALL_IN_STATES: readonly CallInState[] = ['open', 'expired', 'called_in', 'upheld', 'referred_back', 'referred_to_council'];

/** A day typed as yyyy-mm-dd, or nothing. */
function day(raw: string | undefined): string | undefined {
  return raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined;
}

/**
 * Cabinet's decisions across reviews, latest meeting first, filtered by review, where the call-in
 * is and the meeting's dates (`?review=…&call_in=…&from=…&to=…`, bookmarkable).
 */
export default function DecisionsRoute() {
  const list = useListParams('/decisions', ['review', 'call_in', 'from', 'to']);
  const { values, cursor } = list;
  const query: DecisionsQuery = { limit: PAGE_SIZE };
  if (values.review) query.review_id = values.review;
  const state = oneOf(CALL_IN_STATES, values.call_in);
  if (state) query.call_in_state = state;
  const from = day(values.from);
  if (from) query.meeting_from = from;
  const to = day(values.to);
  if (to) query.meeting_to = to;
  if (cursor) query.cursor = cursor;
  const decisions = useDecisions(query);
  const reviews = useReviews({ limit: 200 });
  const titles = new Map((reviews.data?.items ?? []).map((r) => [r.id, r.title]));

  return (
    <>
      <PageTitle title="Decisions" />
      <h1 className="govuk-heading-l">Decisions</h1>
      <p className="govuk-body">
        Cabinet&apos;s decisions on the reviews&apos; reports, latest meeting first, with their call-in periods.
      </p>
      <ListFilters
        label="Filter decisions"
        values={values}
        clearTo={list.base}
        onApply={list.apply}
        fields={[
          {
            name: 'review',
            label: 'Review',
            all: 'All reviews',
            options: (reviews.data?.items ?? []).map((r) => ({ value: r.id, label: r.title })),
          },
          {
            name: 'call_in',
            label: 'Call-in',
            all: 'Any',
            options: CALL_IN_STATES.map((s) => ({ value: s, label: callInStateLabel(s) })),
          },
          { name: 'from', label: 'Meetings from', type: 'date' },
          { name: 'to', label: 'Meetings to', type: 'date' },
        ]}
      />
      <ListState
        query={decisions}
        what="the decisions"
        firstPage={list.path()}
        empty={list.filtered ? 'No decisions match these filters.' : 'No decision has been recorded yet.'}
      >
        {(items) => (
          <>
            <DecisionsTable decisions={items} reviews={titles} caption={cursor ? 'Decisions (continued)' : 'Decisions'} />
            <NextPage
              next={decisions.data?.next_cursor ? list.path(decisions.data.next_cursor) : null}
              first={cursor ? list.path() : null}
            />
          </>
        )}
      </ListState>
    </>
  );
}
