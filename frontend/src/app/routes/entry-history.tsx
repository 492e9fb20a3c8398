import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useEntry } from '@/features/progress/api/get-entry';
import { useEntryHistory } from '@/features/progress/api/get-entry-history';
import { EntryHistory } from '@/features/progress/components/entry-history';
import { NotFound } from './not-found';

export default function EntryHistoryRoute() {
  const { entryId = '' } = useParams();
  const [params] = useSearchParams();
  const cursor = params.get('cursor');
  const entry = useEntry(entryId);
  const history = useEntryHistory(entryId, cursor);
  const base = `/progress-entries/${entryId}/history`;

  if (history.isError && history.error instanceof ApiError && [400, 404].includes(history.error.status) && !cursor) {
    return <NotFound />;
  }
  const name = entry.data
    ? `Recommendation ${entry.data.recommendation.number}${entry.data.part ? `${entry.data.part.label})` : ''}, ${entry.data.round.label}`
    : 'Progress update';
  return (
    <>
      <PageTitle title={`History of ${name}`} />
      {entry.data ? (
        <span className="govuk-caption-l">
          <Link to={`/progress-entries/${entryId}`}>{name}</Link>
        </span>
      ) : null}
      <h1 className="govuk-heading-l">History of the progress update</h1>
      {history.isPending ? (
        <Loading label="Loading the history" />
      ) : history.isError ? (
        <QueryError error={history.error} what="the history" />
      ) : (
        <>
          <EntryHistory events={history.data.items} />
          <NextPage
            next={history.data.next_cursor ? `${base}?cursor=${encodeURIComponent(history.data.next_cursor)}` : null}
            first={cursor ? base : null}
          />
        </>
      )}
      <p className="govuk-body">
        <Link to={`/progress-entries/${entryId}`}>Back to the progress update</Link>
      </p>
    </>
  );
}
