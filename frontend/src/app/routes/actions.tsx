import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { oneOf, type ActionStatus } from '@/api/types';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { ListFilters } from '@/features/admin/components/list-filters';
import { ListState } from '@/features/admin/components/list-state';
import { useListParams } from '@/features/admin/lib/use-list-params';
import { ActionsExport } from '@/features/documents/components/paper-downloads';
import { useActions } from '@/features/plans/api/get-actions';
import type { ActionsQuery } from '@/features/plans/api/keys';
import { MilestonesTable, type ReviewInfo } from '@/features/plans/components/milestones-table';
import { todayInUk } from '@/features/plans/lib/due-window';
import { useOrganisations } from '@/features/recommendations/api/get-organisations';
import { reviewQuery } from '@/features/reviews/api/get-review';
import { useReviews } from '@/features/reviews/api/get-reviews';

const PAGE_SIZE = 25;
const STATUSES: readonly { value: ActionStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'complete', label: 'Complete' },
  { value: 'withdrawn', label: 'Withdrawn' },
];

/**
 * The actions of every action plan the user may see, by plan and position, filtered by review,
 * who is responsible, status, overdue milestones and words (`?review=…&organisation=…&status=…&overdue=true&q=…`),
 * and downloadable with those filters as CSV or Excel.
 */
export default function ActionsRoute() {
  const list = useListParams('/actions', ['q', 'review', 'organisation', 'status', 'overdue']);
  const { values, cursor } = list;
  const [today] = useState(() => todayInUk());
  const filters: ActionsQuery = {};
  if (values.q?.trim()) filters.q = values.q.trim();
  if (values.review) filters.review_id = values.review;
  if (values.organisation) filters.responsible_organisation_id = values.organisation;
  const status = oneOf(
    STATUSES.map((s) => s.value),
    values.status,
  );
  if (status) filters.status = status;
  if (values.overdue === 'true') filters.overdue = true;
  const query: ActionsQuery = { ...filters, limit: PAGE_SIZE };
  if (cursor) query.cursor = cursor;

  const actions = useActions(query);
  const reviews = useReviews({ limit: 200 });
  const organisations = useOrganisations();
  const reviewIds = [...new Set((actions.data?.items ?? []).map((a) => a.review_id))];
  const details = useQueries({ queries: reviewIds.map((id) => ({ ...reviewQuery(id), staleTime: 60_000 })) });
  const infos = new Map<string, ReviewInfo>();
  details.forEach((q) => {
    if (q.data) infos.set(q.data.id, { title: q.data.title, recommendations: q.data.recommendations ?? [] });
  });

  return (
    <>
      <PageTitle title="Actions" />
      <h1 className="govuk-heading-l">Actions</h1>
      <p className="govuk-body">
        The actions of the reviews&apos; action plans, plan by plan, with who is responsible and their milestones.
      </p>
      <ListFilters
        label="Filter actions"
        values={values}
        clearTo={list.base}
        onApply={list.apply}
        fields={[
          { name: 'q', label: 'Search', hint: 'Words in the action or its progress notes' },
          {
            name: 'review',
            label: 'Review',
            all: 'All reviews',
            options: (reviews.data?.items ?? []).map((r) => ({ value: r.id, label: r.title })),
          },
          {
            name: 'organisation',
            label: 'Responsible organisation',
            all: 'All organisations',
            options: (organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
          },
          { name: 'status', label: 'Status', all: 'All statuses', options: STATUSES },
          {
            name: 'overdue',
            label: 'Milestones',
            all: 'Any',
            options: [{ value: 'true', label: 'Open with a milestone overdue' }],
          },
        ]}
      />
      <ListState
        query={actions}
        what="the actions"
        firstPage={list.path()}
        empty={list.filtered ? 'No actions match these filters.' : 'No action plan has any actions yet.'}
      >
        {(items) => (
          <>
            <MilestonesTable
              actions={items}
              reviews={infos}
              today={today}
              withStatus
              caption={cursor ? 'Actions (continued)' : 'Actions'}
            />
            <NextPage
              next={actions.data?.next_cursor ? list.path(actions.data.next_cursor) : null}
              first={cursor ? list.path() : null}
            />
            <ActionsExport
              query={filters}
              heading={list.filtered ? 'Download the actions matching the filters' : 'Download all the actions'}
            />
          </>
        )}
      </ListState>
    </>
  );
}
