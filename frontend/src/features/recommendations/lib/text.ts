// A recommendation's words in short, for the places that show one line of it: list and table
// cells, select options, checkbox hints. A recommendation may be made only of its lettered parts,
// with no lead-in sentence: its `text` is then "" and its parts say it, so those places show the
// parts joined ("a) That …; b) That …") rather than a blank.

/** A part as the API and the open data give it. */
export type PartWords = { label: string; text: string; position?: number };

/** A recommendation, or anything with its text and (when known) its parts. */
export type RecommendationWords = { text: string; parts?: readonly PartWords[] | null };

/** Whether it has a lead-in (or whole) text of its own; false for one made only of its parts. */
export function hasLeadIn(rec: { text: string }): boolean {
  return rec.text.trim() !== '';
}

/**
 * A part's text on one line, without a "; and" that would join it to a next part; before another
 * part, without its closing punctuation either (they are joined with "; ").
 */
function partText(text: string, last: boolean): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return last
    ? oneLine.replace(/[\s;,]*\b(?:and|or)$/i, '')
    : oneLine.replace(/(?:[\s;,.:]*\b(?:and|or))?[\s;,.:]*$/i, '');
}

/** The parts in order, joined on one line: "a) That …; b) That …". */
export function partsSummary(parts: readonly PartWords[]): string {
  const ordered = parts.every((p) => typeof p.position === 'number')
    ? [...parts].sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    : [...parts];
  return ordered
    .filter((p) => p.text.trim() !== '' || p.label.trim() !== '')
    .map((p, i, all) => `${p.label.trim()}) ${partText(p.text, i === all.length - 1)}`.trim())
    .join('; ');
}

/**
 * The recommendation in short: its text, or, when it is made only of its parts, the parts joined
 * ("a) That …; b) That …"). "" only when it has neither (or its parts are not known). Callers
 * shorten it as they shorten a text.
 */
export function recommendationSummary(rec: RecommendationWords): string {
  if (hasLeadIn(rec)) return rec.text;
  return partsSummary(rec.parts ?? []);
}
