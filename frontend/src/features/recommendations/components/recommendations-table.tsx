import type { Recommendation } from '@/api/types';
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
              <span className="govuk-body-s app-secondary-text govuk-!-display-block">{excerpt(recommendationSummary(rec))}</span>
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
