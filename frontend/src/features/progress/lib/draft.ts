// The submission form's content: what the user typed, how it becomes a PATCH body, and how it
// compares with what someone else saved.
import type { KeyFigure, ProgressEntry, UpdateProgressEntry } from '@/api/types';

export type ImpactChoice = '' | 'evidence' | 'none_undertaken';

export type FigureRow = {
  /** A stable key for React and for the fields' ids. */
  key: string;
  label: string;
  value: string;
  unit: string;
  scope: string;
  asOf: string;
};

export type Draft = {
  progress: string;
  grade: string;
  explanation: string;
  impact: ImpactChoice;
  impactText: string;
  figures: FigureRow[];
};

let rowCounter = 0;

export function newFigureRow(figure?: KeyFigure): FigureRow {
  rowCounter += 1;
  return {
    key: `row-${rowCounter}`,
    label: figure?.label ?? '',
    value: figure?.value ?? '',
    unit: figure?.unit ?? '',
    scope: figure?.scope ?? '',
    asOf: figure?.as_of ?? '',
  };
}

export function draftOf(entry: ProgressEntry): Draft {
  const kind = entry.impact.kind;
  return {
    progress: entry.progress ?? '',
    grade: entry.grades.proposed?.code ?? '',
    explanation: entry.proposed_explanation ?? '',
    impact: kind === 'evidence' || kind === 'none_undertaken' ? kind : '',
    impactText: entry.impact.text ?? '',
    figures: entry.key_figures.map((f) => newFigureRow(f)),
  };
}

function blankRow(row: FigureRow): boolean {
  return [row.label, row.value, row.unit, row.scope, row.asOf].every((v) => !v.trim());
}

/** A row the user is still filling in: it has something, but not yet a label and a value. */
function unfinishedRow(row: FigureRow): boolean {
  return !blankRow(row) && (!row.label.trim() || !row.value.trim());
}

function orNull(text: string): string | null {
  return text.trim() ? text : null;
}

export type PatchBody = {
  body: UpdateProgressEntry;
  /** For each key figure sent, the form row it came from (the API names `key_figures[i]`). */
  rows: string[];
};

/**
 * The PATCH body of a draft. `complete` is false while the user is typing: then rows still being
 * filled in and an impact chosen as evidence but not yet written are left out rather than refused;
 * on an explicit save or a submission everything goes, and the API says what is wrong.
 */
export function patchBody(draft: Draft, complete: boolean): PatchBody {
  const sent = draft.figures.filter((row) => !blankRow(row) && (complete || !unfinishedRow(row)));
  const body: UpdateProgressEntry = {
    progress: orNull(draft.progress),
    proposed_grade: orNull(draft.grade),
    proposed_explanation: orNull(draft.explanation),
    key_figures: sent.map((row) => ({
      label: row.label.trim(),
      value: row.value.trim(),
      unit: orNull(row.unit.trim()),
      scope: orNull(row.scope.trim()),
      as_of: row.asOf || null,
    })),
  };
  if (draft.impact === 'none_undertaken') body.impact = { kind: 'none_undertaken' };
  else if (draft.impact === 'evidence') {
    if (draft.impactText.trim() || complete) body.impact = { kind: 'evidence', text: draft.impactText };
  } else body.impact = { kind: 'not_recorded' };
  return { body, rows: sent.map((row) => row.key) };
}

/** Whether two drafts say the same (row keys aside). */
export function sameDraft(a: Draft, b: Draft): boolean {
  const strip = (d: Draft) => ({ ...d, figures: d.figures.map(({ key: _key, ...rest }) => rest) });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

export type DraftField = 'progress' | 'grade' | 'explanation' | 'impact' | 'figures';

export const DRAFT_FIELD_LABELS: Record<DraftField, string> = {
  progress: 'Evidence of progress',
  grade: 'Proposed grade',
  explanation: 'Explanation of the grade',
  impact: 'Evidence of impact',
  figures: 'Key figures',
};

/** The parts of the form where `theirs` (saved by someone else) differs from `mine`. */
export function differences(mine: Draft, theirs: Draft): DraftField[] {
  const out: DraftField[] = [];
  if (mine.progress.trim() !== theirs.progress.trim()) out.push('progress');
  if (mine.grade !== theirs.grade) out.push('grade');
  if (mine.explanation.trim() !== theirs.explanation.trim()) out.push('explanation');
  if (mine.impact !== theirs.impact || (mine.impact === 'evidence' && mine.impactText.trim() !== theirs.impactText.trim())) {
    out.push('impact');
  }
  const figures = (d: Draft) =>
    JSON.stringify(d.figures.filter((r) => !blankRow(r)).map(({ key: _key, ...rest }) => rest));
  if (figures(mine) !== figures(theirs)) out.push('figures');
  return out;
}
