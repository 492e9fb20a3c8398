import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { ListFilters, type FilterField } from '@/features/admin/components/list-filters';
import { ListState } from '@/features/admin/components/list-state';
import { useListParams } from '@/features/admin/lib/use-list-params';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { ProgressEntriesExport } from '@/features/documents/components/paper-downloads';
import { useEntries, type EntriesQuery } from '@/features/progress/api/get-entries';
import { EntriesTable } from '@/features/progress/components/work-tables';
import { ENTRY_STATES } from '@/features/progress/lib/states';
import { useOrganisations } from '@/features/recommendations/api/get-organisations';
import { useReviews } from '@/features/reviews/api/get-reviews';

const PAGE_SIZE = 25;

/**
 * Progress updates across reviews and rounds, oldest first, filtered by review, who reports, status,
 * grades that differ and open rounds (`?review=…&organisation=…&state=…&differ=yes&open=yes`), and
 * downloadable with those filters. Partners see their organisation's; viewers the accepted ones.
 */
export default function EntriesRoute() {
  const me = useMe();
  const staff = me.data ? isCouncilStaff(me.data) : false;
  const list = useListParams('/progress-entries', ['review', 'organisation', 'state', 'differ', 'open']);
  const { values, cursor } = list;
  const filters: EntriesQuery = {};
  if (values.review) filters.review_id = values.review;
  if (values.organisation) filters.organisation_id = values.organisation;
  if (ENTRY_STATES.some((s) => s.value === values.state)) filters.state = values.state;
  if (values.differ === 'yes') filters.grades_differ = true;
  if (values.differ === 'no') filters.grades_differ = false;
  if (values.open === 'yes') filters.open_rounds = true;
  const query: EntriesQuery = { ...filters, limit: PAGE_SIZE };
  if (cursor) query.cursor = cursor;
  const entries = useEntries(query);
  const reviews = useReviews({ limit: 200 });
  const organisations = useOrganisations();

  const fields: FilterField[] = [
    {
      name: 'review',
      label: 'Review',
      all: 'All reviews',
      options: (reviews.data?.items ?? []).map((r) => ({ value: r.id, label: r.title })),
    },
    ...(staff
      ? [
          {
            name: 'organisation',
            label: 'Reported by',
            all: 'All organisations',
            options: (organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
          },
        ]
      : []),
    { name: 'state', label: 'Status', all: 'All statuses', options: ENTRY_STATES },
    {
      name: 'differ',
      label: 'Grades',
      all: 'Any',
      options: [
        { value: 'yes', label: 'Where the grades differ' },
        { value: 'no', label: 'Where the grades agree' },
      ],
    },
    { name: 'open', label: 'Rounds', all: 'Open and closed', options: [{ value: 'yes', label: 'Open rounds only' }] },
  ];

  return (
    <>
      <PageTitle title="Progress updates" />
      <h1 className="govuk-heading-l">Progress updates</h1>
      <p className="govuk-body">
        {staff
          ? "Every organisation's updates on your council's reviews, round by round."
          : me.data?.role === 'contributor'
            ? `The updates ${me.data.organisation.name} has written or owes, in every council you work with.`
            : 'The updates the committees have accepted.'}
      </p>
      <ListFilters label="Filter progress updates" values={values} clearTo={list.base} onApply={list.apply} fields={fields} />
      <ListState
        query={entries}
        what="the progress updates"
        firstPage={list.path()}
        empty={list.filtered ? 'No updates match these filters.' : 'There are no progress updates yet.'}
      >
        {(items) => (
          <>
            <EntriesTable entries={items} caption={cursor ? 'Progress updates (continued)' : 'Progress updates'} />
            <NextPage
              next={entries.data?.next_cursor ? list.path(entries.data.next_cursor) : null}
              first={cursor ? list.path() : null}
            />
            <ProgressEntriesExport
              query={filters}
              headingLevel={2}
              heading={list.filtered ? 'Download the updates matching the filters' : 'Download all the updates'}
            />
          </>
        )}
      </ListState>
    </>
  );
}
