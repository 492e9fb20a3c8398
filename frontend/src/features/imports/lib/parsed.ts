// What an import read, for the page that asks the user to confirm it. The API documents `parsed`
// as an object without a schema (the plan, or the progress update's blocks), so it is read
// defensively: a field it lacks shows as blank, never as an error.
import { recommendationSummary } from '@/features/recommendations/lib/text';

export type ParsedRow = {
  number: string;
  text: string;
  /** Part labels ("a", "b"…). */
  parts: string[];
  /** Action plans: how many actions answer it. */
  actions: number;
  /** Responsibility as the file words it, joined. */
  responsibility: string;
  /** Due dates as the file gives them. */
  dates: string;
  /** Progress updates: the grade as written ("2 On-Track"). */
  grade: string;
  /** Progress updates: how many key figures. */
  keyFigures: number;
  row: number | null;
};

export type ParsedSummary = {
  title: string | null;
  /** Progress updates: the round as the file names it ("November 2022"). */
  roundLabel: string | null;
  rows: ParsedRow[];
  actions: number;
};

type Loose = Record<string, unknown>;

function obj(value: unknown): Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

function milestoneTexts(milestones: unknown): string[] {
  return list(milestones).map((m) => str(obj(m).text) || str(obj(m).display));
}

export function summariseParsed(parsed: unknown): ParsedSummary {
  const root = obj(parsed);
  const rows: ParsedRow[] = list(root.recommendations).map((raw) => {
    const rec = obj(raw);
    const parts = list(rec.parts).map((p) => ({ label: str(obj(p).label), text: str(obj(p).text) }));
    const actions = list(rec.actions).map(obj);
    const responsibility = unique([str(rec.responsibility), ...actions.map((a) => str(a.responsibility))]);
    const dates = unique([
      str(rec.date_text),
      ...milestoneTexts(rec.milestones),
      ...actions.flatMap((a) => milestoneTexts(a.milestones)),
    ]);
    const grade = [str(rec.grade), str(rec.grade_text)].filter(Boolean).join(' ');
    const row = rec.row;
    return {
      number: str(rec.number),
      // A recommendation made only of its parts has no text: its parts, joined, stand for it.
      text: recommendationSummary({ text: str(rec.text), parts }),
      parts: parts.map((p) => p.label),
      actions: actions.length,
      responsibility: responsibility.join('; '),
      dates: dates.join('; '),
      grade,
      keyFigures: list(rec.key_figures).length,
      row: typeof row === 'number' && row > 0 ? row : null,
    };
  });
  return {
    title: str(root.title) || null,
    roundLabel: str(root.round_label) || null,
    rows,
    actions: rows.reduce((n, r) => n + r.actions, 0),
  };
}

/** What a commit created or filled in (`import.result`), as counts by kind of record. */
export function resultCounts(result: unknown): { key: string; count: number }[] {
  return Object.entries(obj(result))
    .filter(([, v]) => Array.isArray(v))
    .map(([key, v]) => ({ key, count: (v as unknown[]).length }));
}

const RESULT_LABELS: Record<string, [string, string]> = {
  recommendations_created: ['recommendation added', 'recommendations added'],
  parts_created: ['part added', 'parts added'],
  actions_created: ['action added', 'actions added'],
  contacts_created: ['new contact created', 'new contacts created'],
  entries_filled: ['progress update filled in', 'progress updates filled in'],
  reviews_created: ['review created', 'reviews created'],
  plans: ['action plan added to', 'action plans added to'],
  progress_entries_created: ['progress entry created', 'progress entries created'],
  progress_entries_updated: ['progress entry brought up to date', 'progress entries brought up to date'],
};

/** "4 recommendations added", or the API's key in words for one this page does not know. */
export function resultLine({ key, count }: { key: string; count: number }): string {
  const known = RESULT_LABELS[key];
  if (known) return `${count} ${count === 1 ? known[0] : known[1]}`;
  return `${key.replace(/_/g, ' ')}: ${count}`;
}
