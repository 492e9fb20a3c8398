import type { Grade } from '@/api/types';

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
 * The default scale (DOMAIN.md rule 1): 1 Fully Achieved, 2 On-Track, 3 Slipped, 4 Not Achieved,
 * 3 and 4 needing an explanation, 1 closing the recommendation. The API keeps each council's scale
 * as data but does not publish it yet, so the form offers this one; the API checks every grade
 * against the council's own scale and its 422 says what it expects, which the form shows.
 */
export const DEFAULT_SCALE: readonly GradeLevel[] = [
  { code: '1', label: 'Fully Achieved', closes: true, needsExplanation: false },
  { code: '2', label: 'On-Track', closes: false, needsExplanation: false },
  { code: '3', label: 'Slipped', closes: false, needsExplanation: true },
  { code: '4', label: 'Not Achieved', closes: false, needsExplanation: true },
];

/** "3 (Slipped)", as the papers write a grade. */
export function levelDisplay(level: GradeLevel): string {
  return `${level.code} (${level.label})`;
}

/** A grade code as documents write it, from the scale when it is known there. */
export function gradeCodeDisplay(code: string | null | undefined): string {
  if (!code) return 'Not graded yet';
  const level = DEFAULT_SCALE.find((l) => l.code === code);
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
