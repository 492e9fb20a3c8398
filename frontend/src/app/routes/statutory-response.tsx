import { useState } from 'react';
import { useLocation, useParams, useSearchParams } from 'react-router';
import type { Me, StatutoryResponse } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { StatutoryResponseDownloads } from '@/features/documents/components/paper-downloads';
import { useResponse, useResponseHistory } from '@/features/responses/api/get-response';
import { ResponseForm, type ResponseFormMode } from '@/features/responses/components/response-form';
import { ResponseHistory } from '@/features/responses/components/response-history';
import { ResponseAnswers, ResponseSummary } from '@/features/responses/components/response-record';
import { PublishForm, RemoveResponse } from '@/features/responses/components/response-steps';
import { QueryGate } from '@/features/reviews/components/query-gate';

/** The partner's own contributor, who writes and submits its response. */
function isResponder(me: Me, response: StatutoryResponse): boolean {
  return (
    me.role === 'contributor' && response.responder_kind === 'partner' && response.organisation_id === me.organisation.id
  );
}

/** How the user may write the response now, if at all. */
function writeMode(me: Me | undefined, response: StatutoryResponse): ResponseFormMode | null {
  if (!me || response.state !== 'awaited') return null;
  if (isCouncilStaff(me)) return 'receive';
  return isResponder(me, response) ? 'submit' : null;
}

function History({ responseId }: { responseId: string }) {
  const [params] = useSearchParams();
  const cursor = params.get('history');
  const history = useResponseHistory(responseId, cursor);
  const base = `/statutory-responses/${responseId}`;
  if (history.isPending) return <Loading label="Loading the history" />;
  if (history.isError) return <QueryError error={history.error} what="the history" />;
  return (
    <>
      <ResponseHistory events={history.data.items} />
      <NextPage
        next={history.data.next_cursor ? `${base}?history=${encodeURIComponent(history.data.next_cursor)}#history` : null}
        first={cursor ? `${base}#history` : null}
      />
    </>
  );
}

function ResponsePage({ response, me }: { response: StatutoryResponse; me: Me | undefined }) {
  const location = useLocation();
  const recorded = (location.state as { recorded?: boolean } | null)?.recorded === true;
  const [flash, setFlash] = useState<string | null>(recorded ? 'The response has been recorded' : null);
  const [correcting, setCorrecting] = useState(false);
  const staff = me ? isCouncilStaff(me) : false;
  const mode = writeMode(me, response);
  const done = (_saved: StatutoryResponse, message: string) => {
    setCorrecting(false);
    setFlash(message);
  };
  const title = `${response.responder_name}'s response`;
  const pageTitle = `${title} – ${response.review_title}`;
  const header = (
    <>
      <span className="govuk-caption-l">
        <Link to={`/reviews/${response.review_id}#responses`}>{response.review_title}</Link>
      </span>
      <h1 className="govuk-heading-l">{title} to the report</h1>
      <ResponseSummary response={response} />
    </>
  );
  return (
    <>
      {mode || correcting ? null : <PageTitle title={pageTitle} />}
      {flash ? <NotificationBanner kind="success" heading={flash} /> : null}
      {mode || correcting ? null : header}

      {mode ? (
        <ResponseForm
          key={`${response.id}-write`}
          response={response}
          mode={mode}
          staff={staff}
          onDone={done}
          title={pageTitle}
          intro={header}
        />
      ) : correcting ? (
        <ResponseForm
          key={`${response.id}-correct`}
          response={response}
          mode="correct"
          staff
          onDone={done}
          onCancel={() => setCorrecting(false)}
          title={pageTitle}
          intro={header}
        />
      ) : (
        <>
          <ResponseAnswers response={response} />
          {staff && response.state === 'received' ? (
            <p className="govuk-body">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setCorrecting(true)}>
                Correct the response
              </button>
            </p>
          ) : null}
          {!staff && response.state === 'received' && me && isResponder(me, response) ? (
            <p className="govuk-body">
              Sent to the council. Ask the council&apos;s scrutiny officer if something needs correcting.
            </p>
          ) : null}
        </>
      )}

      {staff && response.state === 'received' && !correcting ? (
        <PublishForm response={response} onDone={done} />
      ) : null}
      {staff && response.state === 'awaited' ? <RemoveResponse response={response} /> : null}

      <StatutoryResponseDownloads responseId={response.id} />

      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="history">
        History
      </h2>
      <History responseId={response.id} />
    </>
  );
}

export default function StatutoryResponseRoute() {
  const { responseId = '' } = useParams();
  const response = useResponse(responseId);
  const me = useMe();
  return (
    <QueryGate query={response} what="the response" title="Statutory response">
      {(data) => (me.isPending ? <Loading /> : <ResponsePage key={data.id} response={data} me={me.data} />)}
    </QueryGate>
  );
}
