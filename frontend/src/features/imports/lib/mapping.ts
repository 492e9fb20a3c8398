// Mapping a file's columns to the fields an import reads: the fields each kind of file has, their
// names on the page, and a mapping pre-set from the API's proposals or from a saved profile.
import type { ImportColumn, ImportField, ImportProfile, ImportProfileKind, ProfileColumn } from '@/api/types';

export const FIELD_LABELS: Record<ImportField, string> = {
  review_reference: 'Review reference',
  review_title: 'Review title',
  committee: 'Committee',
  decision_date: 'Decision date',
  number: 'Recommendation number',
  part: 'Part of the recommendation',
  recommendation: 'Recommendation',
  action: 'Action',
  measures: 'Success measures',
  lead: 'Lead (responsibility)',
  due_date: 'Due date',
  status: 'Status',
  progress: 'Progress',
  updated_on: 'Updated on',
  updated_by: 'Updated by',
  ignore: 'Not imported',
};

/** The fields a tracker reads (every one), in the order a tracker usually has them. */
const TRACKER_FIELDS: readonly ImportField[] = [
  'review_reference',
  'review_title',
  'committee',
  'decision_date',
  'number',
  'part',
  'recommendation',
  'action',
  'measures',
  'lead',
  'due_date',
  'status',
  'progress',
  'updated_on',
  'updated_by',
];

/** An action plan's columns: the API refuses a tracker's fields in an action plan profile. */
const PLAN_FIELDS: readonly ImportField[] = ['number', 'part', 'recommendation', 'action', 'measures', 'lead', 'due_date', 'progress'];

/** The fields a column of this kind of file can be, then "Not imported". */
export function fieldsOf(kind: ImportProfileKind): readonly ImportField[] {
  return [...(kind === 'tracker' ? TRACKER_FIELDS : PLAN_FIELDS), 'ignore'];
}

/** The fields a profile of this kind must map, as the API requires. */
export function requiredFields(kind: ImportProfileKind): readonly ImportField[] {
  return kind === 'tracker' ? ['review_reference', 'recommendation'] : ['number', 'recommendation', 'action'];
}

/** A heading as compared: without case, punctuation or spacing ("Rec. No" → "recno"), as the API compares them. */
export function headingKey(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The profile's column for a heading of the file: the same heading, else one that contains the other. */
export function profileColumnFor(profile: ImportProfile, heading: string): ProfileColumn | undefined {
  const key = headingKey(heading);
  if (!key) return undefined;
  return (
    profile.columns.find((c) => headingKey(c.heading) === key) ??
    profile.columns.find((c) => {
      const other = headingKey(c.heading);
      return other.length > 0 && (other.includes(key) || key.includes(other));
    })
  );
}

/** Each column's field by its index: from the profile when one is chosen, else the API's proposal. */
export type Mapping = Record<number, ImportField>;

export function presetMapping(columns: readonly ImportColumn[], profile: ImportProfile | null): Mapping {
  const mapping: Mapping = {};
  for (const column of columns) {
    mapping[column.index] = profile ? (profileColumnFor(profile, column.heading)?.field ?? 'ignore') : column.proposed;
  }
  return mapping;
}

/** The profile's columns for a mapping: each headed column once, by its heading. */
export function profileColumns(columns: readonly ImportColumn[], mapping: Mapping): { column: ImportColumn; body: ProfileColumn }[] {
  const seen = new Set<string>();
  const out: { column: ImportColumn; body: ProfileColumn }[] = [];
  for (const column of columns) {
    const key = headingKey(column.heading);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push({ column, body: { heading: column.heading.trim(), field: mapping[column.index] ?? 'ignore' } });
  }
  return out;
}

/** What is wrong with a mapping before it is sent: a required field not mapped, a field mapped twice. */
export function mappingProblems(
  kind: ImportProfileKind,
  columns: readonly ImportColumn[],
  mapping: Mapping,
): { id: string; text: string }[] {
  const problems: { id: string; text: string }[] = [];
  const used = new Map<ImportField, ImportColumn>();
  for (const { column, body } of profileColumns(columns, mapping)) {
    if (body.field === 'ignore') continue;
    const first = used.get(body.field);
    if (first) {
      problems.push({
        id: columnSelectId(column),
        text: `Column ${column.letter}: ${FIELD_LABELS[body.field]} is already column ${first.letter}; choose one column for it`,
      });
    } else {
      used.set(body.field, column);
    }
  }
  for (const field of requiredFields(kind)) {
    if (!used.has(field)) {
      problems.push({
        id: columns[0] ? columnSelectId(columns[0]) : 'columns',
        text: `Choose the column that holds the ${FIELD_LABELS[field].toLowerCase()}`,
      });
    }
  }
  return problems;
}

export function columnSelectId(column: ImportColumn): string {
  return `column-${column.index}`;
}

/** Whether a mapping says the same as a profile's columns (nothing to save). */
export function sameColumns(a: readonly ProfileColumn[], b: readonly ProfileColumn[]): boolean {
  const norm = (cs: readonly ProfileColumn[]) =>
    cs
      .map((c) => `${headingKey(c.heading)}=${c.field}`)
      .sort()
      .join('|');
  return norm(a) === norm(b);
}

/** A profile's columns updated from a file's: the file's headings as now mapped, then the profile's others kept. */
export function mergeColumns(saved: readonly ProfileColumn[], fromFile: readonly ProfileColumn[]): ProfileColumn[] {
  const keys = new Set(fromFile.map((c) => headingKey(c.heading)));
  return [...fromFile, ...saved.filter((c) => !keys.has(headingKey(c.heading)))];
}
