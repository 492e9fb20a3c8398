import { useParams, useSearchParams } from 'react-router';
import { historyPageLink, PagedAuditHistory } from '@/components/ui/audit-history';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { usePart, usePartHistory, useRecommendation } from '@/features/recommendations/api/get-recommendation';
import { PART_HISTORY } from '@/features/recommendations/lib/history';
import { QueryGate } from '@/features/reviews/components/query-gate';

/** Every change to one part of a recommendation, newest first. */
export default function PartHistoryRoute() {
  const { partId = '' } = useParams();
  const [params] = useSearchParams();
  const cursor = params.get('cursor');
  const part = usePart(partId);
  const recommendation = useRecommendation(part.data?.recommendation_id ?? '');
  const history = usePartHistory(partId, cursor);
  return (
    <QueryGate query={part} what="the part" title="History of the part">
      {(p) => {
        const name = recommendation.data ? `${recommendation.data.number}${p.label})` : `${p.label})`;
        return (
          <>
            <PageTitle title={`History of part ${name}`} />
            <span className="govuk-caption-l">
              <Link to={`/recommendations/${p.recommendation_id}#parts`}>
                {recommendation.data ? `Recommendation ${recommendation.data.number}` : 'The recommendation'}
              </Link>
            </span>
            <h1 className="govuk-heading-l">History of part {name}</h1>
            <p className="govuk-body app-pre-line">{p.text}</p>
            <PagedAuditHistory
              query={history}
              cursor={cursor}
              pageLink={historyPageLink(`/recommendation-parts/${p.id}/history`, params, 'cursor', 'main-content')}
              label={`Changes to part ${name}, newest first`}
              vocabulary={PART_HISTORY}
            />
            <p className="govuk-body">
              <Link to={`/recommendations/${p.recommendation_id}#parts`}>Back to the recommendation</Link>
            </p>
          </>
        );
      }}
    </QueryGate>
  );
}
