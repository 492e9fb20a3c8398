import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { QueryError } from '@/components/ui/query-error';
import { usePlanHistory } from '../api/get-history';
import { HistoryList } from './history-list';

type Props = {
  planId: string;
  cursor: string | null;
  pageLink: (cursor: string | null) => string;
};

/** The plan's changes, newest first, a page at a time (the cursor is in the URL). */
export function PlanHistory({ planId, cursor, pageLink }: Props) {
  const page = usePlanHistory(planId, cursor);
  if (page.isPending) return <Loading label="Loading the history" />;
  if (page.isError) return <QueryError error={page.error} what="the history" />;
  const items = page.data.items;
  return (
    <>
      {items.length === 0 ? (
        <p className="govuk-body">No changes have been recorded.</p>
      ) : (
        <HistoryList events={items} label="Changes to the plan, newest first" />
      )}
      <NextPage next={page.data.next_cursor ? pageLink(page.data.next_cursor) : null} first={cursor ? pageLink(null) : null} />
    </>
  );
}
