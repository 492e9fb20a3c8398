import { useRecommendation } from '../api/get-recommendation';
import { recommendationSummary } from '../lib/text';

type Props = {
  /** The recommendation as another record names it: its id and its text, without its parts. */
  recommendation: { id: string; text: string };
  /** A paragraph of its own, or words inside another element (a summary list's value). */
  as?: 'p' | 'span';
};

/**
 * A recommendation's words where a record gives only its id and text (a progress update, an
 * answer of a statutory response). One made only of its parts has no text: its parts are loaded
 * and shown joined, "a) That …; b) That …". Nothing is shown until they are, rather than a blank.
 */
export function RecommendationRefText({ recommendation, as = 'p' }: Props) {
  const partsOnly = recommendation.text.trim() === '';
  const full = useRecommendation(partsOnly ? recommendation.id : '');
  const words = partsOnly ? (full.data ? recommendationSummary(full.data) : '') : recommendation.text;
  if (!words) return null;
  return as === 'p' ? (
    <p className="govuk-body app-pre-line">{words}</p>
  ) : (
    <span className="app-pre-line">{words}</span>
  );
}
