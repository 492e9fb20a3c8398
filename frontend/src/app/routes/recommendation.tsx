import { useLocation, useParams, useSearchParams } from 'react-router';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { useRecommendation, useRecommendationHistory } from '@/features/recommendations/api/get-recommendation';
import { RecommendationDetail } from '@/features/recommendations/components/recommendation-detail';
import { RecommendationHistory } from '@/features/recommendations/components/recommendation-history';
import { useReview } from '@/features/reviews/api/get-review';
import { QueryGate } from '@/features/reviews/components/query-gate';

function History({ id }: { id: string }) {
  const [params] = useSearchParams();
  const cursor = params.get('cursor');
  const history = useRecommendationHistory(id, cursor);
  const base = `/recommendations/${id}`;
  if (history.isPending) return <Loading label="Loading the history" />;
  if (history.isError) return <QueryError error={history.error} what="the history" />;
  return (
    <>
      <RecommendationHistory events={history.data.items} />
      <NextPage
        next={history.data.next_cursor ? `${base}?cursor=${encodeURIComponent(history.data.next_cursor)}#history` : null}
        first={cursor ? `${base}#history` : null}
      />
    </>
  );
}

export default function RecommendationRoute() {
  const { recommendationId = '' } = useParams();
  const recommendation = useRecommendation(recommendationId);
  const review = useReview(recommendation.data?.review_id ?? '');
  const me = useMe();
  const staff = me.data ? isCouncilStaff(me.data) : false;
  const closed = (useLocation().state as { closed?: boolean } | null)?.closed === true;
  return (
    <QueryGate query={recommendation} what="the recommendation" title="Recommendation">
      {(rec) => (
        <>
          <PageTitle title={`Recommendation ${rec.number}${review.data ? ` – ${review.data.title}` : ''}`} />
          {closed && rec.status === 'closed' ? (
            <NotificationBanner kind="success" heading={`Recommendation ${rec.number} is closed`}>
              <p className="govuk-body">The committee&apos;s reason is recorded in its history.</p>
            </NotificationBanner>
          ) : null}
          <h1 className="govuk-heading-l">
            {review.data ? (
              <span className="govuk-caption-l">
                <Link to={`/reviews/${rec.review_id}`}>{review.data.title}</Link>
              </span>
            ) : null}
            Recommendation {rec.number}
          </h1>
          <RecommendationDetail recommendation={rec} decisions={review.data?.decisions ?? []} staff={staff} />
          <h2 className="govuk-heading-m govuk-!-margin-top-6" id="history">
            History
          </h2>
          <History id={rec.id} />
          <p className="govuk-body">
            <Link to={`/reviews/${rec.review_id}#recommendation-${rec.number}`}>Back to the review</Link>
          </p>
        </>
      )}
    </QueryGate>
  );
}
