import { useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { ImportWizard } from '@/features/imports/components/import-wizard';
import { useRound } from '@/features/progress/api/get-round';
import { useReview } from '@/features/reviews/api/get-review';
import { NotFound } from './not-found';

/** Council staff fill a round's updates from a progress update paper's text. */
export default function ImportProgressUpdateRoute() {
  const { roundId = '' } = useParams();
  const round = useRound(roundId);
  const review = useReview(round.data?.review_id ?? '');
  const me = useMe();

  if (round.isPending || me.isPending) return <Loading label="Loading the round" />;
  if (round.isError) {
    if (round.error instanceof ApiError && [400, 404].includes(round.error.status)) return <NotFound />;
    return (
      <>
        <PageTitle title="Import a progress update" />
        <QueryError error={round.error} what="the round" />
      </>
    );
  }
  const back = { to: `/progress-rounds/${roundId}`, text: `Go back to the ${round.data.label} progress update` };
  if (!me.data || !isCouncilStaff(me.data)) {
    return (
      <>
        <PageTitle title="Import a progress update" />
        <h1 className="govuk-heading-l">You cannot import a progress update</h1>
        <p className="govuk-body">Only the council&apos;s scrutiny officers can import progress updates.</p>
        <p className="govuk-body">
          <Link to={back.to}>{back.text}</Link>
        </p>
      </>
    );
  }
  return (
    <ImportWizard
      key={roundId}
      kind="progress-update"
      targetId={roundId}
      subject="progress update"
      caption={
        <>
          {review.data ? `${review.data.title}: ` : ''}
          <Link to={`/progress-rounds/${roundId}`}>{round.data.label}</Link>
        </>
      }
      accept=".txt,text/plain"
      fileHint={
        <>
          The progress update paper as text (TXT), one block per recommendation: evidence of progress, the assessment
          with its explanation, and evidence of impact. Updates already submitted or accepted are not changed.
        </>
      }
      back={back}
    />
  );
}
