import { oneOf, type RoundStatus } from '@/api/types';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { ListFilters } from '@/features/admin/components/list-filters';
import { ListState } from '@/features/admin/components/list-state';
import { useListParams } from '@/features/admin/lib/use-list-params';
import { useCommittees } from '@/features/committees/api/get-committees';
import { useRounds, type RoundsQuery } from '@/features/progress/api/get-rounds';
import { RoundsTable } from '@/features/progress/components/rounds-table';
import { useReviews } from '@/features/reviews/api/get-reviews';

const PAGE_SIZE = 25;
const STATUSES: readonly { value: RoundStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
];

function day(raw: string | undefined): string | undefined {
  return raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined;
}

/**
 * Progress rounds across reviews, by deadline, filtered by committee, review, status and deadline
 * (`?committee=…&review=…&status=…&from=…&to=…`, bookmarkable).
 */
export default function RoundsRoute() {
  const list = useListParams('/progress-rounds', ['committee', 'review', 'status', 'from', 'to']);
  const { values, cursor } = list;
  const query: RoundsQuery = { limit: PAGE_SIZE };
  if (values.committee) query.committee_id = values.committee;
  if (values.review) query.review_id = values.review;
  const status = oneOf(
    STATUSES.map((s) => s.value),
    values.status,
  );
  if (status) query.status = status;
  const from = day(values.from);
  if (from) query.deadline_from = from;
  const to = day(values.to);
  if (to) query.deadline_to = to;
  if (cursor) query.cursor = cursor;
  const rounds = useRounds(query);
  const committees = useCommittees();
  const reviews = useReviews({ limit: 200 });
  const titles = new Map((reviews.data?.items ?? []).map((r) => [r.id, r.title]));

  return (
    <>
      <PageTitle title="Progress rounds" />
      <h1 className="govuk-heading-l">Progress rounds</h1>
      <p className="govuk-body">
        Each round asks the organisations responsible for a review&apos;s recommendations for an update by its deadline,
        for a committee meeting.
      </p>
      <ListFilters
        label="Filter progress rounds"
        values={values}
        clearTo={list.base}
        onApply={list.apply}
        fields={[
          {
            name: 'committee',
            label: 'Committee',
            all: 'All committees',
            options: (committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
          },
          {
            name: 'review',
            label: 'Review',
            all: 'All reviews',
            options: (reviews.data?.items ?? [])
              .filter((r) => !values.committee || r.committee_id === values.committee)
              .map((r) => ({ value: r.id, label: r.title })),
          },
          { name: 'status', label: 'Status', all: 'Open and closed', options: STATUSES },
          { name: 'from', label: 'Deadlines from', type: 'date' },
          { name: 'to', label: 'Deadlines to', type: 'date' },
        ]}
      />
      <ListState
        query={rounds}
        what="the progress rounds"
        firstPage={list.path()}
        empty={list.filtered ? 'No rounds match these filters.' : 'No progress round has been opened yet.'}
      >
        {(items) => (
          <>
            <RoundsTable rounds={items} reviews={titles} caption={cursor ? 'Progress rounds (continued)' : 'Progress rounds'} />
            <NextPage
              next={rounds.data?.next_cursor ? list.path(rounds.data.next_cursor) : null}
              first={cursor ? list.path() : null}
            />
          </>
        )}
      </ListState>
    </>
  );
}
