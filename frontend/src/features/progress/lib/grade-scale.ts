import type { CouncilSettings, Grade } from '@/api/types';

/** One level of a grading scale, as the submission form offers it. */
export type GradeLevel = {
  code: string;
  label: string;
  /** Accepted at this grade, the recommendation is closed. */
  closes: boolean;
  /** A proposed grade at this level needs an explanation. */
  needsExplanation: boolean;
};

/**
 * The default scale (docs/domain.md rule 1): 1 Fully Achieved, 2 On-Track, 3 Slipped, 4 Not Achieved,
 * 3 and 4 needing an explanation, 1 closing the recommendation. Forms offer it until the council's
 * own scale (its settings) has loaded.
 */
export const DEFAULT_SCALE: readonly GradeLevel[] = [
  { code: '1', label: 'Fully Achieved', closes: true, needsExplanation: false },
  { code: '2', label: 'On-Track', closes: false, needsExplanation: false },
  { code: '3', label: 'Slipped', closes: false, needsExplanation: true },
  { code: '4', label: 'Not Achieved', closes: false, needsExplanation: true },
];

/** A council's scale from its settings, best first. */
export function scaleOf(settings: CouncilSettings): readonly GradeLevel[] {
  const levels = [...settings.grade_scale.levels].sort((a, b) => a.order - b.order);
  if (levels.length === 0) return DEFAULT_SCALE;
  return levels.map((l) => ({
    code: l.code,
    label: l.label,
    closes: l.closes ?? false,
    needsExplanation: l.explanation_required ?? false,
  }));
}

/** "3 (Slipped)", as the papers write a grade. */
export function levelDisplay(level: GradeLevel): string {
  return `${level.code} (${level.label})`;
}

/** A grade code as documents write it, from the scale when it is known there. */
export function gradeCodeDisplay(
  code: string | null | undefined,
  scale: readonly GradeLevel[] = DEFAULT_SCALE,
): string {
  if (!code) return 'Not graded yet';
  const level = scale.find((l) => l.code === code);
  return level ? levelDisplay(level) : code;
}

/** The levels that need an explanation, for a hint: "3 (Slipped) and 4 (Not Achieved)". */
export function explanationLevels(scale: readonly GradeLevel[] = DEFAULT_SCALE): string {
  const names = scale.filter((l) => l.needsExplanation).map(levelDisplay);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The grade as the API gave it ("3 (Slipped)"), or a dash. */
export function gradeText(grade: Grade | null | undefined): string {
  return grade?.display ?? '–';
}
