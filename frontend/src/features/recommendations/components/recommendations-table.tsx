import type { Recommendation, SearchExcerpt } from '@/api/types';
import { Link } from '@/components/ui/link';
import { recommendationSummary } from '../lib/text';
import { RecommendationStatus } from './recommendation-status';

type Props = {
  recommendations: readonly Recommendation[];
  caption: string;
  /** Review titles by id. */
  reviews: ReadonlyMap<string, string>;
};

function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

/** Where a search found the words: the recommendation itself, a part (by its label) or an action. */
function source(excerpt: SearchExcerpt, rec: Recommendation): string {
  switch (excerpt.source) {
    case 'recommendation':
      return 'Recommendation';
    case 'part': {
      const part = rec.parts.find((p) => p.id === excerpt.source_id);
      return part ? `Part ${part.label})` : 'Part';
    }
    case 'action': {
      const index = rec.actions.findIndex((a) => a.id === excerpt.source_id);
      return index >= 0 ? `Action ${index + 1}` : 'Action';
    }
  }
}

/** The passages holding the words searched for, the words marked. */
function SearchMatches({ rec }: { rec: Recommendation }) {
  const matches = rec.matches ?? [];
  if (matches.length === 0) return null;
  return (
    <ul className="govuk-list govuk-body-s app-search-matches" aria-label={`Where recommendation ${rec.number} matches`}>
      {matches.map((excerpt) => (
        <li key={`${excerpt.source}-${excerpt.source_id}`}>
          <span className="app-secondary-text">{source(excerpt, rec)}: </span>
          {excerpt.segments.map((segment, i) =>
            segment.matched ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
          )}
        </li>
      ))}
    </ul>
  );
}

export function RecommendationsTable({ recommendations, caption, reviews }: Props) {
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Recommendation
          </th>
          <th scope="col" className="govuk-table__header">
            Review
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {recommendations.map((rec) => (
          <tr className="govuk-table__row" key={rec.id}>
            <th scope="row" className="govuk-table__header app-table__title">
              <Link to={`/recommendations/${rec.id}`}>Recommendation {rec.number}</Link>
              {rec.matches && rec.matches.length > 0 ? (
                <SearchMatches rec={rec} />
              ) : (
                <span className="govuk-body-s app-secondary-text govuk-!-display-block">{excerpt(recommendationSummary(rec))}</span>
              )}
              {rec.parts.length > 0 ? (
                <span className="govuk-body-s app-secondary-text">
                  Parts {rec.parts.map((p) => `${p.label})`).join(' ')}
                </span>
              ) : null}
            </th>
            <td className="govuk-table__cell" data-label="Review">
              <Link to={`/reviews/${rec.review_id}`}>{reviews.get(rec.review_id) ?? 'The review'}</Link>
            </td>
            <td className="govuk-table__cell" data-label="Status">
              {rec.status === 'open' ? 'Open' : <RecommendationStatus recommendation={rec} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
