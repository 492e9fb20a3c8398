import { useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { useInbox } from '@/features/progress/api/get-inbox';
import { InboxTable } from '@/features/progress/components/work-tables';

const PAGE_SIZE = 25;

/** Everything the user's organisation owes, a page at a time, the page in the address. */
export default function InboxRoute() {
  const [params] = useSearchParams();
  const cursor = params.get('cursor');
  const me = useMe();
  const inbox = useInbox(cursor, PAGE_SIZE);
  const org = me.data?.organisation.name ?? 'Your organisation';
  const stale = inbox.error instanceof ApiError && inbox.error.status >= 400 && inbox.error.status < 500;
  return (
    <>
      <PageTitle title="Progress updates owed" />
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{org}</span>
        Progress updates owed
      </h1>
      {inbox.isPending ? (
        <Loading label="Loading what is due" />
      ) : inbox.isError ? (
        stale && cursor ? (
          <div className="govuk-inset-text">
            This page is no longer available. <Link to="/inbox">Go to the first page</Link>.
          </div>
        ) : (
          <QueryError error={inbox.error} what="what is due" />
        )
      ) : inbox.data.items.length === 0 ? (
        <p className="govuk-body">{org} has no progress updates to write at the moment.</p>
      ) : (
        <>
          <InboxTable entries={inbox.data.items} caption={cursor ? 'Updates owed (continued)' : 'Updates owed'} />
          <NextPage
            next={inbox.data.next_cursor ? `/inbox?cursor=${encodeURIComponent(inbox.data.next_cursor)}` : null}
            first={cursor ? '/inbox' : null}
          />
        </>
      )}
    </>
  );
}
