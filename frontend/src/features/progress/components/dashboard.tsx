import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import type { Dashboard, DashboardGroup } from '@/api/types';
import { Link } from '@/components/ui/link';
import { DEFAULT_SCALE, gradeCodeDisplay, type GradeLevel } from '../lib/grade-scale';
import { RoundWorkTable } from './work-tables';

export type GroupBy = 'committee' | 'review' | 'organisation';

export const GROUP_BY: readonly { value: GroupBy; label: string }[] = [
  { value: 'committee', label: 'Committee' },
  { value: 'review', label: 'Review' },
  { value: 'organisation', label: 'Organisation' },
];

export function groupBy(raw: string | null): GroupBy {
  return GROUP_BY.some((g) => g.value === raw) ? (raw as GroupBy) : 'committee';
}

/** The grade codes the groups use, the scale's first, then any others, then "not graded". */
export function gradeColumns(
  groups: readonly DashboardGroup[],
  scale: readonly GradeLevel[] = DEFAULT_SCALE,
): (string | null)[] {
  const seen = new Set<string>();
  let ungraded = false;
  for (const g of groups) {
    for (const c of g.counts) {
      if (c.grade) seen.add(c.grade);
      else ungraded = true;
    }
  }
  const known = scale.map((l) => l.code);
  const others = [...seen].filter((code) => !known.includes(code)).sort();
  return [...known, ...others, ...(ungraded ? [null] : [])];
}

function countOf(group: DashboardGroup, grade: string | null): number {
  return group.counts.filter((c) => (c.grade ?? null) === grade).reduce((n, c) => n + c.count, 0);
}

function groupName(by: GroupBy, group: DashboardGroup) {
  const name = group.name ?? (by === 'organisation' ? 'The council' : 'Unknown');
  if (by === 'review' && group.id) return <Link to={`/reviews/${group.id}`}>{name}</Link>;
  if (by === 'committee' && group.id) return <Link to={`/reviews?committee=${group.id}`}>{name}</Link>;
  return name;
}

function GradeCountsTable({
  by,
  groups,
  scale,
}: {
  by: GroupBy;
  groups: readonly DashboardGroup[];
  scale: readonly GradeLevel[];
}) {
  const label = GROUP_BY.find((g) => g.value === by)!.label;
  if (groups.length === 0) return <p className="govuk-body">No progress has been reported yet.</p>;
  const columns = gradeColumns(groups, scale);
  return (
    <table className="govuk-table app-table--responsive app-grade-counts">
      <caption className="govuk-table__caption govuk-table__caption--s">
        Latest grade of each recommendation, by {label.toLowerCase()}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            {label}
          </th>
          {columns.map((code) => (
            <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={code ?? 'none'}>
              {code ? gradeCodeDisplay(code, scale) : 'Not graded yet'}
            </th>
          ))}
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Total
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {groups.map((group) => (
          <tr className="govuk-table__row" key={group.id ?? 'none'}>
            <th scope="row" className="govuk-table__header app-table__title">
              {groupName(by, group)}
            </th>
            {columns.map((code) => {
              const heading = code ? gradeCodeDisplay(code, scale) : 'Not graded yet';
              return (
                <td className="govuk-table__cell govuk-table__cell--numeric" data-label={heading} key={code ?? 'none'}>
                  {countOf(group, code)}
                </td>
              );
            })}
            <td className="govuk-table__cell govuk-table__cell--numeric" data-label="Total">
              {group.counts.reduce((n, c) => n + c.count, 0)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Headline({ label, value, href }: { label: string; value: number; href?: string }) {
  return (
    <div className="app-headline__item">
      <dt className="govuk-body-s govuk-!-margin-bottom-1">{label}</dt>
      <dd className="govuk-heading-l govuk-!-margin-bottom-0">
        {href && value > 0 ? (
          <Link to={href}>
            {value} <span className="govuk-visually-hidden">{label.toLowerCase()}</span>
          </Link>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

type Props = {
  dashboard: Dashboard;
  by: GroupBy;
  linkFor: (by: GroupBy) => string;
  /** What waits for the officer, after the headline figures. */
  queue?: ReactNode;
  /** The council's grading scale, for the columns of grades; the default scale when not given. */
  scale?: readonly GradeLevel[];
};

/** The officer's overview: headline figures, rounds overdue and due soon, grades by group. */
export function DashboardView({ dashboard, by, linkFor, queue, scale = DEFAULT_SCALE }: Props) {
  const recs = dashboard.recommendations;
  const groups =
    by === 'committee' ? dashboard.by_committee : by === 'review' ? dashboard.by_review : dashboard.by_organisation;
  return (
    <>
      <dl className="app-headline" aria-label="Figures">
        <Headline label="Open recommendations" value={recs.open ?? 0} />
        <Headline label="Closed recommendations" value={recs.closed ?? 0} />
        <Headline label="Actions overdue" value={dashboard.overdue_actions} href="/milestones?due=overdue" />
        <Headline label="Actions due in the next 45 days" value={dashboard.due_soon_actions} />
        <Headline
          label="Statutory responses overdue"
          value={dashboard.overdue_responses}
          href="/statutory-responses?state=awaited&overdue=true"
        />
        <Headline
          label="Statutory responses due in the next 45 days"
          value={dashboard.due_soon_responses}
          href="/statutory-responses?state=awaited"
        />
      </dl>
      {queue}

      <h2 className="govuk-heading-m" id="overdue">
        Overdue rounds
      </h2>
      {dashboard.overdue_rounds.length === 0 ? (
        <p className="govuk-body">No round is past its deadline with updates still owed.</p>
      ) : (
        <RoundWorkTable rounds={dashboard.overdue_rounds} caption="Rounds past their deadline with updates owed" hideCaption />
      )}
      <RoundsLeftOut shown={dashboard.overdue_rounds.length} total={dashboard.overdue_rounds_total} />

      <h2 className="govuk-heading-m" id="due-soon">
        Due in the next 45 days
      </h2>
      {dashboard.due_soon_rounds.length === 0 ? (
        <p className="govuk-body">No round falls due in the next 45 days.</p>
      ) : (
        <RoundWorkTable rounds={dashboard.due_soon_rounds} caption="Rounds due in the next 45 days" hideCaption />
      )}
      <RoundsLeftOut shown={dashboard.due_soon_rounds.length} total={dashboard.due_soon_rounds_total} />

      <h2 className="govuk-heading-m" id="grades">
        Grades
      </h2>
      <nav className="app-group-by" aria-label="Group the grades by">
        <ul className="govuk-list app-group-by__list">
          {GROUP_BY.map((g) => (
            <li key={g.value}>
              <RouterLink
                className="govuk-link"
                to={linkFor(g.value)}
                aria-current={g.value === by ? 'true' : undefined}
                replace
              >
                By {g.label.toLowerCase()}
              </RouterLink>
            </li>
          ))}
        </ul>
      </nav>
      <GradeCountsTable by={by} groups={groups} scale={scale} />
      {by === 'review' && <ReviewsLeftOut dashboard={dashboard} />}
    </>
  );
}

// ---- a partner's dashboard -----------------------------------------------------------------------

const TO_WRITE = ['draft', 'returned'];
const WITH_COUNCIL = ['submitted', 'validated'];

function sumOf(group: DashboardGroup, states: readonly string[]): number {
  return group.counts.filter((c) => states.includes(c.state)).reduce((n, c) => n + c.count, 0);
}

/** "1 (Fully Achieved): 3; Not graded yet: 1", best grade first. */
export function gradesNow(group: DashboardGroup, scale: readonly GradeLevel[] = DEFAULT_SCALE): string {
  const columns = gradeColumns([group], scale);
  return columns
    .map((code) => ({ code, count: countOf(group, code) }))
    .filter((g) => g.count > 0)
    .map((g) => `${gradeCodeDisplay(g.code, scale)}: ${g.count}`)
    .join('; ');
}

export type CouncilGroups = { id: string | null; name: string; reviews: DashboardGroup[] };

/** The dashboard's reviews under the council each belongs to, councils by name. */
export function byCouncil(
  reviews: readonly DashboardGroup[],
  councilOf: ReadonlyMap<string, string>,
  councilNames: ReadonlyMap<string, string>,
): CouncilGroups[] {
  const out = new Map<string | null, CouncilGroups>();
  for (const review of reviews) {
    const council = (review.id && councilOf.get(review.id)) || null;
    const name = (council && councilNames.get(council)) || 'Other councils';
    const entry = out.get(council) ?? { id: council, name, reviews: [] };
    entry.reviews.push(review);
    out.set(council, entry);
  }
  return [...out.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
}

type PartnerProps = {
  dashboard: Dashboard;
  /** The partner organisation's name. */
  organisation: string;
  /** The council of each review, by review id. */
  councilOf: ReadonlyMap<string, string>;
  councilNames: ReadonlyMap<string, string>;
};

/**
 * A partner's dashboard: what its organisation owes and has submitted, with the grades its latest
 * updates stand at, council by council and review by review, and its overdue actions and responses.
 */
export function PartnerDashboardView({ dashboard, organisation, councilOf, councilNames }: PartnerProps) {
  const reviews = dashboard.by_review;
  // The figures are the organisation's own, over every review (the reviews listed may be some).
  const total = (states: readonly string[]) => dashboard.by_organisation.reduce((n, g) => n + sumOf(g, states), 0);
  const councils = byCouncil(reviews, councilOf, councilNames);
  return (
    <>
      <dl className="app-headline" aria-label={`${organisation}: figures`}>
        <Headline label="Updates to write" value={total(TO_WRITE)} href="/inbox" />
        <Headline label="Submitted, with the council" value={total(WITH_COUNCIL)} />
        <Headline label="Accepted by the committee" value={total(['accepted'])} />
        <Headline label="Actions overdue" value={dashboard.overdue_actions} href="/milestones?due=overdue" />
        <Headline
          label="Statutory responses overdue"
          value={dashboard.overdue_responses}
          href="/statutory-responses?state=awaited&overdue=true"
        />
      </dl>
      {councils.length === 0 ? (
        <p className="govuk-body">{organisation} has not been asked for a progress update yet.</p>
      ) : (
        councils.map((council) => (
          <div key={council.id ?? 'other'}>
            <h3 className="govuk-heading-s">
              {council.name}
            </h3>
            <table className="govuk-table app-table--responsive">
              <caption className="govuk-visually-hidden">{`${council.name}: ${organisation}'s latest update on each recommendation, by review`}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Review
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    To write
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    With the council
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Accepted
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Grades now
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {council.reviews.map((group) => (
                  <tr className="govuk-table__row" key={group.id ?? 'none'}>
                    <th scope="row" className="govuk-table__header app-table__title">
                      {group.id ? <Link to={`/reviews/${group.id}`}>{group.name ?? 'The review'}</Link> : (group.name ?? 'Unknown')}
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric" data-label="To write">
                      {sumOf(group, TO_WRITE)}
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric" data-label="With the council">
                      {sumOf(group, WITH_COUNCIL)}
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric" data-label="Accepted">
                      {sumOf(group, ['accepted'])}
                    </td>
                    <td className="govuk-table__cell" data-label="Grades now">
                      {gradesNow(group)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
      <ReviewsLeftOut dashboard={dashboard} />
    </>
  );
}

/** Says when a list of rounds holds only the earliest of them. */
function RoundsLeftOut({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return <p className="govuk-body">{`These are the ${shown} with the earliest deadlines, of ${total}.`}</p>;
}

/** Says when the dashboard lists only some of the reviews with counts. */
function ReviewsLeftOut({ dashboard }: { dashboard: Dashboard }) {
  const shown = dashboard.by_review.length;
  if (dashboard.by_review_total <= shown) return null;
  return (
    <p className="govuk-body govuk-!-margin-top-2">
      {`These are the ${shown} reviews with the most updates not yet accepted, of ${dashboard.by_review_total}.`}
    </p>
  );
}
