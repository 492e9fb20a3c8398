import { useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { oneOf } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useCommittees } from '@/features/committees/api/get-committees';
import { RecommendationsExport } from '@/features/documents/components/paper-downloads';
import { useOrganisations } from '@/features/recommendations/api/get-organisations';
import { useRecommendations } from '@/features/recommendations/api/get-recommendations';
import type { RecommendationsQuery } from '@/features/recommendations/api/keys';
import {
  NO_FILTERS,
  RECOMMENDATION_SORTS,
  RecommendationFilters,
  type RecommendationFilterValues,
} from '@/features/recommendations/components/recommendation-filters';
import { RecommendationsTable } from '@/features/recommendations/components/recommendations-table';
import { RECOMMENDATION_STATUS_VALUES } from '@/features/recommendations/components/recommendation-status';
import { useReviews } from '@/features/reviews/api/get-reviews';

const PAGE_SIZE = 25;

/** `?q=…&committee=…&review=…&organisation=…&status=…&overdue=true&sort=…&cursor=…`: bookmarkable. */
function search(values: RecommendationFilterValues, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (values.q.trim()) params.set('q', values.q.trim());
  if (values.committee) params.set('committee', values.committee);
  if (values.review) params.set('review', values.review);
  if (values.organisation) params.set('organisation', values.organisation);
  if (values.status) params.set('status', values.status);
  if (values.overdue) params.set('overdue', 'true');
  if (values.sort) params.set('sort', values.sort);
  if (cursor) params.set('cursor', cursor);
  const s = params.toString();
  return s ? `/recommendations?${s}` : '/recommendations';
}

export default function RecommendationsRoute() {
  const [params, setParams] = useSearchParams();
  const values: RecommendationFilterValues = {
    q: params.get('q') ?? '',
    committee: params.get('committee') ?? '',
    review: params.get('review') ?? '',
    organisation: params.get('organisation') ?? '',
    status: params.get('status') ?? '',
    overdue: params.get('overdue') === 'true',
    sort: params.get('sort') ?? '',
  };
  const cursor = params.get('cursor');
  // The filters, without the page: the export gives every recommendation they find.
  const filters: RecommendationsQuery = {};
  if (values.q) filters.q = values.q;
  if (values.committee) filters.committee_id = values.committee;
  if (values.review) filters.review_id = values.review;
  if (values.organisation) filters.responsible_organisation_id = values.organisation;
  const status = oneOf(RECOMMENDATION_STATUS_VALUES, values.status);
  if (status) filters.status = status;
  if (values.overdue) filters.overdue = true;
  // The best match first is the default with words to search for, and means nothing without them.
  const sort = oneOf(RECOMMENDATION_SORTS, values.sort);
  if (sort && sort !== 'relevance') filters.sort = sort;
  const query: RecommendationsQuery = { ...filters, limit: PAGE_SIZE };
  if (cursor) query.cursor = cursor;

  const committees = useCommittees();
  const reviews = useReviews({ limit: 200 });
  const organisations = useOrganisations();
  const recommendations = useRecommendations(query);
  const reviewTitles = new Map((reviews.data?.items ?? []).map((r) => [r.id, r.title]));
  const filtered = search(values) !== search(NO_FILTERS);
  const staleLink =
    recommendations.error instanceof ApiError &&
    recommendations.error.status >= 400 &&
    recommendations.error.status < 500 &&
    Boolean(cursor);

  return (
    <>
      <PageTitle title="Recommendations" />
      <h1 className="govuk-heading-l">Recommendations</h1>
      <RecommendationFilters
        values={values}
        committees={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        reviews={(reviews.data?.items ?? [])
          .filter((r) => !values.committee || r.committee_id === values.committee || r.id === values.review)
          .map((r) => ({ value: r.id, label: r.title }))}
        organisations={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
        onApply={(next) => {
          const target = new URL(search(next), window.location.origin);
          setParams(target.searchParams);
        }}
      />
      {recommendations.isPending ? (
        <Loading label="Loading recommendations" />
      ) : recommendations.isError ? (
        staleLink ? (
          <div className="govuk-inset-text">
            This page of results is no longer available. <Link to={search(values)}>Go to the first page</Link>.
          </div>
        ) : (
          <QueryError error={recommendations.error} what="the recommendations" />
        )
      ) : recommendations.data.items.length === 0 ? (
        <p className="govuk-body">
          {filtered ? 'No recommendations match these filters.' : 'There are no recommendations yet.'}
        </p>
      ) : (
        <>
          <RecommendationsTable
            recommendations={recommendations.data.items}
            caption={cursor ? 'Recommendations (continued)' : 'Recommendations'}
            reviews={reviewTitles}
          />
          <NextPage
            next={recommendations.data.next_cursor ? search(values, recommendations.data.next_cursor) : null}
            first={cursor ? search(values) : null}
          />
          <RecommendationsExport
            query={filters}
            heading={filtered ? 'Download the recommendations matching the filters' : 'Download all the recommendations'}
          />
        </>
      )}
    </>
  );
}
