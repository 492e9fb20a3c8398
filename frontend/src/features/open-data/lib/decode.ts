// The open data answers (`/api/v1/open/…`). The OpenAPI document declares them only as `object`
// (their JSON is built in SQL: crates/db/src/queries/open_data.rs), so `schema.d.ts` has no types
// for them. These are the shapes the pages read, checked field by field when an answer arrives:
// an answer of another shape fails loudly (the page's error state) instead of showing blanks.

/** A council, with how many reviews it publishes. */
export type OpenCouncil = { id: string; name: string; published_reviews: number };

/** A published review, as the list gives it. */
export type OpenReviewSummary = {
  id: string;
  title: string;
  review_type: string;
  work_programme_year: string | null;
  status: string;
  summary: string | null;
  council_id: string;
  council_name: string;
  committee: string;
};

export type OpenPart = { label: string; text: string };

/** The latest grade the committee accepted, with its label on the council's scale. */
export type OpenGrade = { grade: string; label: string | null; round: string | null; meeting_date: string | null };

export type OpenRecommendation = {
  id: string;
  number: string;
  text: string;
  status: string;
  parts: OpenPart[];
  latest_accepted_grade: OpenGrade | null;
};

export type OpenResolution = { number: string; text: string; parts: OpenPart[] };

export type OpenDecision = {
  id: string;
  body: string;
  meeting_date: string | null;
  item_title: string | null;
  decision_text: string | null;
  reasons: string | null;
  alternatives: string | null;
  reference: string | null;
  published_on: string | null;
  call_in_state: string | null;
  call_in_deadline: string | null;
  resolutions: OpenResolution[];
};

export type OpenMilestone = { due_on: string | null; precision: string | null; label: string | null; met: boolean };

export type OpenAction = {
  recommendation_number: string;
  proposed_actions: string;
  success_measures: string[];
  status: string;
  responsible: string[];
  milestones: OpenMilestone[];
};

export type OpenActionPlan = {
  title: string | null;
  status: string;
  agreed_on: string | null;
  agreed_on_precision: string | null;
  actions: OpenAction[];
};

export type OpenReview = OpenReviewSummary & {
  recommendations: OpenRecommendation[];
  decisions: OpenDecision[];
  action_plan: OpenActionPlan | null;
};

export type OpenPage<T> = { items: T[]; next_cursor: string | null };

/** The answer was not of the shape the pages read. */
export class OpenDataShapeError extends Error {
  constructor(where: string, expected: string) {
    super(`The open data answer has no ${expected} at ${where}`);
    this.name = 'OpenDataShapeError';
  }
}

type Obj = Record<string, unknown>;

function object(value: unknown, where: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new OpenDataShapeError(where, 'object');
  return value as Obj;
}

function text(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new OpenDataShapeError(`${where}.${key}`, 'text');
  return v;
}

function maybeText(o: Obj, key: string, where: string): string | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new OpenDataShapeError(`${where}.${key}`, 'text');
  return v;
}

function list<T>(o: Obj, key: string, where: string, item: (v: unknown, at: string) => T): T[] {
  const v = o[key];
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new OpenDataShapeError(`${where}.${key}`, 'list');
  return v.map((x, i) => item(x, `${where}.${key}[${i}]`));
}

function texts(o: Obj, key: string, where: string): string[] {
  return list(o, key, where, (v, at) => {
    if (typeof v !== 'string') throw new OpenDataShapeError(at, 'text');
    return v;
  });
}

function page<T>(value: unknown, item: (v: unknown, at: string) => T): OpenPage<T> {
  const o = object(value, 'answer');
  return { items: list(o, 'items', 'answer', item), next_cursor: maybeText(o, 'next_cursor', 'answer') };
}

function council(value: unknown, where: string): OpenCouncil {
  const o = object(value, where);
  const count = o.published_reviews;
  if (typeof count !== 'number') throw new OpenDataShapeError(`${where}.published_reviews`, 'number');
  return { id: text(o, 'id', where), name: text(o, 'name', where), published_reviews: count };
}

function reviewSummary(value: unknown, where: string): OpenReviewSummary {
  const o = object(value, where);
  return {
    id: text(o, 'id', where),
    title: text(o, 'title', where),
    review_type: text(o, 'review_type', where),
    work_programme_year: maybeText(o, 'work_programme_year', where),
    status: text(o, 'status', where),
    summary: maybeText(o, 'summary', where),
    council_id: text(o, 'council_id', where),
    council_name: text(o, 'council_name', where),
    committee: text(o, 'committee', where),
  };
}

function part(value: unknown, where: string): OpenPart {
  const o = object(value, where);
  return { label: text(o, 'label', where), text: text(o, 'text', where) };
}

function grade(value: unknown, where: string): OpenGrade | null {
  if (value === null || value === undefined) return null;
  const o = object(value, where);
  return {
    grade: text(o, 'grade', where),
    label: maybeText(o, 'label', where),
    round: maybeText(o, 'round', where),
    meeting_date: maybeText(o, 'meeting_date', where),
  };
}

function recommendation(value: unknown, where: string): OpenRecommendation {
  const o = object(value, where);
  return {
    id: text(o, 'id', where),
    number: text(o, 'number', where),
    text: text(o, 'text', where),
    status: text(o, 'status', where),
    parts: list(o, 'parts', where, part),
    latest_accepted_grade: grade(o.latest_accepted_grade, `${where}.latest_accepted_grade`),
  };
}

function resolution(value: unknown, where: string): OpenResolution {
  const o = object(value, where);
  return { number: text(o, 'number', where), text: text(o, 'text', where), parts: list(o, 'parts', where, part) };
}

function decision(value: unknown, where: string): OpenDecision {
  const o = object(value, where);
  return {
    id: text(o, 'id', where),
    body: text(o, 'body', where),
    meeting_date: maybeText(o, 'meeting_date', where),
    item_title: maybeText(o, 'item_title', where),
    decision_text: maybeText(o, 'decision_text', where),
    reasons: maybeText(o, 'reasons', where),
    alternatives: maybeText(o, 'alternatives', where),
    reference: maybeText(o, 'reference', where),
    published_on: maybeText(o, 'published_on', where),
    call_in_state: maybeText(o, 'call_in_state', where),
    call_in_deadline: maybeText(o, 'call_in_deadline', where),
    resolutions: list(o, 'resolutions', where, resolution),
  };
}

function milestone(value: unknown, where: string): OpenMilestone {
  const o = object(value, where);
  return {
    due_on: maybeText(o, 'due_on', where),
    precision: maybeText(o, 'precision', where),
    label: maybeText(o, 'label', where),
    met: o.met === true,
  };
}

function action(value: unknown, where: string): OpenAction {
  const o = object(value, where);
  return {
    recommendation_number: text(o, 'recommendation_number', where),
    proposed_actions: text(o, 'proposed_actions', where),
    success_measures: texts(o, 'success_measures', where),
    status: text(o, 'status', where),
    responsible: texts(o, 'responsible', where),
    milestones: list(o, 'milestones', where, milestone),
  };
}

function actionPlan(value: unknown, where: string): OpenActionPlan | null {
  if (value === null || value === undefined) return null;
  const o = object(value, where);
  return {
    title: maybeText(o, 'title', where),
    status: text(o, 'status', where),
    agreed_on: maybeText(o, 'agreed_on', where),
    agreed_on_precision: maybeText(o, 'agreed_on_precision', where),
    actions: list(o, 'actions', where, action),
  };
}

/** `GET /api/v1/open/councils`. */
export function decodeCouncils(value: unknown): OpenPage<OpenCouncil> {
  return page(value, council);
}

/** `GET /api/v1/open/reviews`. */
export function decodeReviews(value: unknown): OpenPage<OpenReviewSummary> {
  return page(value, reviewSummary);
}

/** `GET /api/v1/open/reviews/{id}`. */
export function decodeReview(value: unknown): OpenReview {
  const where = 'review';
  const o = object(value, where);
  return {
    ...reviewSummary(o, where),
    recommendations: list(o, 'recommendations', where, recommendation),
    decisions: list(o, 'decisions', where, decision),
    action_plan: actionPlan(o.action_plan, `${where}.action_plan`),
  };
}
