// The open data's front page, for residents and anyone else, signed in or not: the councils with
// how many reviews each has published, the published reviews (of one council, or of all), and the
// recommendations as a spreadsheet.
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useOpenCouncils, useOpenReviews, type OpenReviewsQuery } from '../api/open-data';
import type { OpenCouncil, OpenReviewSummary } from '../lib/decode';
import { reviewStatusLabel } from '../lib/labels';
import { OpenDataDownload } from './open-data-download';

const PAGE_SIZE = 25;

/** `/public?council=…&cursor=…`: a council's page of reviews can be bookmarked and shared. */
export function publicPath(council?: string | null, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (council) params.set('council', council);
  if (cursor) params.set('cursor', cursor);
  const s = params.toString();
  return s ? `/public?${s}` : '/public';
}

function reviewsIn(count: number): string {
  return count === 1 ? '1 review' : `${count} reviews`;
}

function CouncilsTable({ councils, chosen }: { councils: readonly OpenCouncil[]; chosen: string | null }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">Councils</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Council
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Reviews published
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {councils.map((c) => (
          <tr className="govuk-table__row" key={c.id}>
            <th scope="row" className="govuk-table__header">
              {c.published_reviews === 0 ? (
                c.name
              ) : c.id === chosen ? (
                <>
                  {c.name} <span className="govuk-body-s app-secondary-text">(shown below)</span>
                </>
              ) : (
                <Link to={publicPath(c.id)}>
                  {c.name}
                  <span className="govuk-visually-hidden">: show its {reviewsIn(c.published_reviews)}</span>
                </Link>
              )}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{c.published_reviews}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReviewsTable({ reviews, caption }: { reviews: readonly OpenReviewSummary[]; caption: string }) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Review
          </th>
          <th scope="col" className="govuk-table__header">
            Council and committee
          </th>
          <th scope="col" className="govuk-table__header">
            Year
          </th>
          <th scope="col" className="govuk-table__header">
            Where it has got to
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {reviews.map((r) => (
          <tr className="govuk-table__row" key={r.id}>
            <th scope="row" className="govuk-table__header">
              <Link to={`/public/reviews/${r.id}`}>{r.title}</Link>
            </th>
            <td className="govuk-table__cell" data-label="Council and committee">
              {r.council_name}
              <span className="govuk-body-s app-secondary-text app-block">{r.committee}</span>
            </td>
            <td className="govuk-table__cell" data-label="Year">
              {r.work_programme_year ?? <span className="app-secondary-text">Not given</span>}
            </td>
            <td className="govuk-table__cell" data-label="Where it has got to">
              {reviewStatusLabel(r.status)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What scrutiny is and what is published, the councils, their published reviews, and the data. */
export function PublicReviews({ council, cursor }: { council: string | null; cursor: string | null }) {
  const councils = useOpenCouncils();
  const query: OpenReviewsQuery = { limit: PAGE_SIZE };
  if (council) query.council_id = council;
  if (cursor) query.cursor = cursor;
  const reviews = useOpenReviews(query);
  const chosen = council ? councils.data?.items.find((c) => c.id === council) : undefined;
  const whose = chosen ? chosen.name : council ? 'the council' : null;
  const heading = whose ? `Reviews published by ${whose}` : 'Published reviews';
  // A bookmarked page whose cursor or council no longer works.
  const stale = reviews.error instanceof ApiError && reviews.error.status >= 400 && reviews.error.status < 500;

  return (
    <>
      <PageTitle title="Published scrutiny reviews" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Published scrutiny reviews</h1>
          <p className="govuk-body-l">
            Councillors on a council&apos;s scrutiny committees look into local issues, such as policing or health, and
            recommend what the council and its partners should do about them.
          </p>
          <p className="govuk-body">For each review a council has published, you can read:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>the committee&apos;s recommendations</li>
            <li>what the council&apos;s Cabinet decided to do about them</li>
            <li>the action plan agreed: who will do what, and by when</li>
            <li>how far each recommendation has got, as the committee last judged it</li>
          </ul>
          <p className="govuk-body">You do not need an account to read them.</p>
        </div>
      </div>

      <h2 className="govuk-heading-l">Councils</h2>
      {councils.isPending ? (
        <Loading label="Loading the councils" />
      ) : councils.isError ? (
        <QueryError error={councils.error} what="the councils" />
      ) : councils.data.items.length === 0 ? (
        <p className="govuk-body">No councils use this service yet.</p>
      ) : (
        <CouncilsTable councils={councils.data.items} chosen={council} />
      )}

      <h2 className="govuk-heading-l" id="reviews">
        {heading}
      </h2>
      {council ? (
        <p className="govuk-body">
          <Link to={publicPath()}>Show the reviews of every council</Link>
        </p>
      ) : null}
      {reviews.isPending ? (
        <Loading label="Loading the published reviews" />
      ) : reviews.isError ? (
        stale ? (
          <div className="govuk-inset-text">
            This page of reviews is no longer available. <Link to={publicPath(council)}>Go to the first page</Link>.
          </div>
        ) : (
          <QueryError error={reviews.error} what="the published reviews" />
        )
      ) : reviews.data.items.length === 0 ? (
        <p className="govuk-body">No reviews have been published yet.</p>
      ) : (
        <>
          <ReviewsTable reviews={reviews.data.items} caption={cursor ? `${heading} (continued)` : heading} />
          <NextPage
            next={reviews.data.next_cursor ? publicPath(council, reviews.data.next_cursor) : null}
            first={cursor ? publicPath(council) : null}
          />
        </>
      )}

      <OpenDataDownload councilId={council ?? undefined} councilName={chosen?.name} />
    </>
  );
}
