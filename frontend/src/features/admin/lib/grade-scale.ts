// A council's grade scale as the settings form edits it. The API answers the scale as
// `{ name, levels: [{ code, label, description, order, closes, explanation_required, colour }] }`
// (GradeScaleDoc in the OpenAPI document).
import type { GradeLevelDoc, GradeScaleDoc } from '@/api/types';

/** One level as typed into the form: strings, as the inputs hold them. */
export type LevelDraft = {
  /** A stable React key; not sent. */
  key: string;
  code: string;
  label: string;
  description: string;
  closes: boolean;
  explanationRequired: boolean;
  colour: string;
};

export type ScaleDraft = { name: string; levels: LevelDraft[] };

/** The level and the scale as the API takes them. */
export type LevelBody = GradeLevelDoc;
export type ScaleBody = GradeScaleDoc;

let counter = 0;
export function newLevelKey(): string {
  counter += 1;
  return `level-${counter}`;
}

/** The scale from the settings' `grade_scale`, best level first. */
export function scaleDraft(scale: GradeScaleDoc): ScaleDraft {
  const levels = [...scale.levels]
    .sort((a, b) => a.order - b.order)
    .map((l) => ({
      key: newLevelKey(),
      code: l.code,
      label: l.label,
      description: l.description ?? '',
      closes: l.closes ?? false,
      explanationRequired: l.explanation_required ?? false,
      colour: l.colour ?? '',
    }));
  return { name: scale.name, levels };
}

/** The body's scale: the levels' order is their position in the form, best first. */
export function scaleBody(draft: ScaleDraft): ScaleBody {
  return {
    name: draft.name.trim(),
    levels: draft.levels.map((l, i) => ({
      code: l.code.trim(),
      label: l.label.trim(),
      description: l.description.trim() || null,
      order: i + 1,
      closes: l.closes,
      explanation_required: l.explanationRequired,
      colour: l.colour.trim() || null,
    })),
  };
}

export function emptyLevel(): LevelDraft {
  return {
    key: newLevelKey(),
    code: '',
    label: '',
    description: '',
    closes: false,
    explanationRequired: false,
    colour: '',
  };
}

export const MAX_LEVELS = 10;

/** Problems the API would also find, said next to the level at fault. */
export function scaleProblems(draft: ScaleDraft): { id: string; text: string }[] {
  const found: { id: string; text: string }[] = [];
  if (!draft.name.trim()) found.push({ id: 'scale-name', text: 'Name of the scale: enter a name' });
  if (draft.levels.length === 0) {
    found.push({ id: 'grade-levels', text: 'Grades: the scale needs at least one grade' });
  }
  const codes = new Set<string>();
  draft.levels.forEach((l, i) => {
    const n = i + 1;
    const code = l.code.trim().toLowerCase();
    if (!code) found.push({ id: `level-${i}-code`, text: `Grade ${n} code: enter a code, for example 1 or Green` });
    else if (!/^[a-z0-9][a-z0-9_-]{0,19}$/.test(code)) {
      found.push({
        id: `level-${i}-code`,
        text: `Grade ${n} code: use up to 20 letters, digits, hyphens or underscores, starting with a letter or digit`,
      });
    } else if (codes.has(code)) {
      found.push({ id: `level-${i}-code`, text: `Grade ${n} code: ${l.code.trim()} is already used by another grade` });
    }
    codes.add(code);
    if (!/[\p{L}\p{N}]/u.test(l.label)) found.push({ id: `level-${i}-label`, text: `Grade ${n} label: enter a label` });
    if (l.colour.trim() && !/^#[0-9a-fA-F]{6}$/.test(l.colour.trim())) {
      found.push({ id: `level-${i}-colour`, text: `Grade ${n} colour: enter a colour such as #00703c, or leave it blank` });
    }
  });
  if (draft.levels.length > 0 && !draft.levels.some((l) => l.closes)) {
    found.push({ id: 'level-0-closes', text: 'Grades: at least one grade must close the recommendation' });
  }
  return found;
}
