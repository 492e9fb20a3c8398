import type { Me } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useInbox } from '../api/get-inbox';
import { InboxTable } from './work-tables';

/** The first of what the user's organisation owes, for the home page. */
export function InboxOverview({ me, limit = 10 }: { me: Me; limit?: number }) {
  const inbox = useInbox(null, limit);
  if (inbox.isPending) return <Loading label="Loading what is due" />;
  if (inbox.isError) return <QueryError error={inbox.error} what="what is due" />;
  const { items, next_cursor } = inbox.data;
  if (items.length === 0) {
    return <p className="govuk-body">{me.organisation.name} has no progress updates to write at the moment.</p>;
  }
  const overdue = items.filter((e) => e.overdue).length;
  return (
    <>
      {overdue > 0 ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {overdue === 1 ? '1 update is overdue.' : `${overdue} updates are overdue.`}
          </strong>
        </div>
      ) : null}
      <InboxTable entries={items} caption={`Progress updates ${me.organisation.name} owes`} />
      {next_cursor ? (
        <p className="govuk-body">
          <Link to="/inbox">See everything {me.organisation.name} owes</Link>
        </p>
      ) : null}
    </>
  );
}
