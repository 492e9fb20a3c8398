import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useAssessments } from '../api/get-assessments';
import { AssessmentsTable } from './work-tables';

/** The first submissions awaiting the council, for the officer's home page. */
export function AssessmentsOverview({ limit = 10 }: { limit?: number }) {
  const queue = useAssessments('', null, limit);
  if (queue.isPending) return <Loading label="Loading submissions to assess" />;
  if (queue.isError) return <QueryError error={queue.error} what="the submissions to assess" />;
  const { items, next_cursor } = queue.data;
  if (items.length === 0) return <p className="govuk-body">Nothing is waiting for you to assess or take to committee.</p>;
  return (
    <>
      <AssessmentsTable entries={items} caption="Submissions to assess and updates for the committee" hideCaption />
      {next_cursor ? (
        <p className="govuk-body">
          <Link to="/assessments">See them all</Link>
        </p>
      ) : null}
    </>
  );
}
