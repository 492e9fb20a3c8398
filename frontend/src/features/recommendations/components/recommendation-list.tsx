import type { Recommendation } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Tag } from '@/components/ui/tag';
import { hasLeadIn } from '../lib/text';
import { RecommendationStatus } from './recommendation-status';

/** The review's recommendations in order, each with its parts a), b)… */
export function RecommendationList({ recommendations }: { recommendations: readonly Recommendation[] }) {
  if (recommendations.length === 0) {
    return <p className="govuk-body">No recommendations have been recorded for this review yet.</p>;
  }
  const ordered = [...recommendations].sort((a, b) => a.position - b.position);
  return (
    <ol className="govuk-list app-recommendations">
      {ordered.map((rec) => (
        <li key={rec.id} className="app-recommendation" id={`recommendation-${rec.number}`}>
          <h3 className="govuk-heading-s">
            <Link to={`/recommendations/${rec.id}`}>Recommendation {rec.number}</Link>{' '}
            <RecommendationStatus recommendation={rec} />
          </h3>
          {hasLeadIn(rec) ? <p className="govuk-body app-pre-line">{rec.text}</p> : null}
          {rec.parts.length > 0 ? (
            <ol className="govuk-list app-parts" aria-label={`Parts of recommendation ${rec.number}`}>
              {[...rec.parts]
                .sort((a, b) => a.position - b.position)
                .map((part) => (
                  <li key={part.id} className="app-parts__item">
                    <span className="app-parts__label">{part.label})</span>{' '}
                    <span className={part.withdrawn_reason ? 'app-withdrawn' : undefined}>{part.text}</span>
                    {part.withdrawn_reason ? (
                      <span className="govuk-body-s app-secondary-text">
                        {' '}
                        <Tag colour="red">Withdrawn</Tag> {part.withdrawn_reason}
                      </span>
                    ) : null}
                  </li>
                ))}
            </ol>
          ) : null}
          {rec.closed_reason ? (
            <p className="govuk-body-s">
              <span className="govuk-!-font-weight-bold">Closed because:</span> {rec.closed_reason}
            </p>
          ) : null}
          {rec.withdrawn_reason ? (
            <p className="govuk-body-s">
              <span className="govuk-!-font-weight-bold">Withdrawn because:</span> {rec.withdrawn_reason}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
