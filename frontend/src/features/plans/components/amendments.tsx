import type { ActionPlan as Plan, Amendment, Recommendation } from '@/api/types';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { QueryError } from '@/components/ui/query-error';
import { formatInstant } from '@/lib/format';
import { useAmendments } from '../api/get-history';
import { ActionPlan } from './action-plan';

/** The plan as it stood before an amendment, when the API gave a whole plan. */
function previousPlan(amendment: Amendment): Plan | null {
  const p = amendment.previous as Record<string, unknown>;
  return Array.isArray(p.actions) && typeof p.status === 'string' ? (p as unknown as Plan) : null;
}

type Props = {
  planId: string;
  recommendations: readonly Recommendation[];
  cursor: string | null;
  /** Links for the pages: the URL with this cursor. */
  pageLink: (cursor: string | null) => string;
};

/** Each amendment of the agreed plan, oldest first, with the plan as it stood before it. */
export function Amendments({ planId, recommendations, cursor, pageLink }: Props) {
  const page = useAmendments(planId, cursor, true);
  if (page.isPending) return <Loading label="Loading the amendments" />;
  if (page.isError) return <QueryError error={page.error} what="the amendments" />;
  const items = page.data.items;
  if (items.length === 0 && !cursor) return <p className="govuk-body">The plan has not been amended since it was agreed.</p>;
  return (
    <>
      <ol className="govuk-list app-timeline" aria-label="Amendments, oldest first">
        {items.map((a) => {
          const before = previousPlan(a);
          return (
            <li className="app-timeline__item" key={a.id}>
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Amendment {a.number}</h3>
              <p className="govuk-body govuk-!-margin-bottom-1 app-pre-line">{a.reason}</p>
              <p className="govuk-body-s app-secondary-text">
                {a.created_by}, {formatInstant(a.created_at)}
              </p>
              {before ? (
                <details className="govuk-details">
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">The plan before amendment {a.number}</span>
                  </summary>
                  <div className="govuk-details__text app-table-scroll" tabIndex={0} role="region" aria-label={`The plan before amendment ${a.number}`}>
                    <ActionPlan plan={before} recommendations={recommendations} />
                  </div>
                </details>
              ) : null}
            </li>
          );
        })}
      </ol>
      <NextPage next={page.data.next_cursor ? pageLink(page.data.next_cursor) : null} first={cursor ? pageLink(null) : null} />
    </>
  );
}
