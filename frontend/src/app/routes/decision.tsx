import { useParams, useSearchParams } from 'react-router';
import { historyPageLink, PagedAuditHistory } from '@/components/ui/audit-history';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { useDecision } from '@/features/decisions/api/get-decision';
import { useDecisionHistoryPage } from '@/features/decisions/api/get-decision-history';
import { CallInForm } from '@/features/decisions/components/call-in-form';
import { decisionName, DecisionRecord } from '@/features/decisions/components/decision-record';
import { RecomputeDeadline } from '@/features/decisions/components/recompute-deadline';
import { DECISION_HISTORY } from '@/features/decisions/lib/history';
import { useReview } from '@/features/reviews/api/get-review';
import { QueryGate } from '@/features/reviews/components/query-gate';

function History({ id }: { id: string }) {
  const [params] = useSearchParams();
  const cursor = params.get('history');
  const history = useDecisionHistoryPage(id, cursor);
  return (
    <PagedAuditHistory
      query={history}
      cursor={cursor}
      pageLink={historyPageLink(`/decisions/${id}`, params, 'history', 'history')}
      label="Changes to the decision, newest first"
      vocabulary={DECISION_HISTORY}
    />
  );
}

/** One decision: its record, what staff can do with it (change, recompute the deadline, call-in) and every change. */
export default function DecisionRoute() {
  const { decisionId = '' } = useParams();
  const decision = useDecision(decisionId);
  const review = useReview(decision.data?.review_id ?? '');
  const me = useMe();
  const staff = me.data ? isCouncilStaff(me.data) : false;
  return (
    <QueryGate query={decision} what="the decision" title="Decision">
      {(d) => (
        <>
          <PageTitle title={`${decisionName(d)}${review.data ? ` – ${review.data.title}` : ''}`} />
          <h1 className="govuk-heading-l">
            {review.data ? (
              <span className="govuk-caption-l">
                <Link to={`/reviews/${d.review_id}`}>{review.data.title}</Link>
              </span>
            ) : null}
            {decisionName(d)}
          </h1>
          <DecisionRecord decision={d} standalone />
          {staff ? (
            <>
              <h2 className="govuk-heading-m govuk-!-margin-top-6">Change or record</h2>
              <p className="govuk-body">
                <Link to={`/decisions/${d.id}/edit`}>Change the decision</Link>
              </p>
              <RecomputeDeadline decision={d} />
              <CallInForm decision={d} />
            </>
          ) : null}
          <h2 className="govuk-heading-m govuk-!-margin-top-6" id="history">
            History
          </h2>
          <History id={d.id} />
          <p className="govuk-body">
            <Link to={`/reviews/${d.review_id}#decision`}>Back to the review</Link>
          </p>
        </>
      )}
    </QueryGate>
  );
}
