import { useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { historyPageLink, PagedAuditHistory } from '@/components/ui/audit-history';
import type { ProgressRound } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { ProgressEntriesExport, ProgressUpdateDownloads } from '@/features/documents/components/paper-downloads';
import { ImportProgressUpdateLink } from '@/features/imports/components/import-links';
import { useReview } from '@/features/reviews/api/get-review';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { useRound } from '@/features/progress/api/get-round';
import { useRoundHistory } from '@/features/progress/api/get-round-history';
import { useRoundEntries } from '@/features/progress/api/get-round-entries';
import { OverdueTag } from '@/features/progress/components/entry-state-tag';
import {
  EntryFilters,
  filterEntries,
  RoundEntriesTable,
  type EntryFilterValues,
} from '@/features/progress/components/round-entries';
import { ROUND_HISTORY } from '@/features/progress/lib/history';
import { formatDate } from '@/lib/format';
import { NotFound } from './not-found';

function search(base: string, values: EntryFilterValues): string {
  const params = new URLSearchParams();
  if (values.state) params.set('state', values.state);
  if (values.differ) params.set('differ', 'yes');
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

export function roundCounts(round: ProgressRound): string {
  const c = round.entries;
  const parts = [
    c.draft ? `${c.draft} draft` : '',
    c.returned ? `${c.returned} returned` : '',
    c.submitted ? `${c.submitted} submitted` : '',
    c.validated ? `${c.validated} validated` : '',
    c.accepted ? `${c.accepted} accepted` : '',
  ].filter(Boolean);
  return `${c.total} ${c.total === 1 ? 'update' : 'updates'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** The round's changes, for council staff, a page at a time (`?history=` in the address). */
function History({ id }: { id: string }) {
  const [params] = useSearchParams();
  const cursor = params.get('history');
  const history = useRoundHistory(id, cursor);
  return (
    <PagedAuditHistory
      query={history}
      cursor={cursor}
      pageLink={historyPageLink(`/progress-rounds/${id}`, params, 'history', 'history')}
      label="Changes to the round, newest first"
      vocabulary={ROUND_HISTORY}
    />
  );
}

type Flash = { opened?: boolean; changed?: boolean; added?: string; removed?: string };

export default function RoundRoute() {
  const { roundId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const flash = (location.state as Flash | null) ?? {};
  const opened = flash.opened === true;
  const me = useMe();
  const staff = me.data ? isCouncilStaff(me.data) : false;
  const round = useRound(roundId);
  const entries = useRoundEntries(roundId);
  const review = useReview(round.data?.review_id ?? '');

  if (round.isPending) return <Loading label="Loading the round" />;
  if (round.isError) {
    if (round.error instanceof ApiError && [400, 404].includes(round.error.status)) return <NotFound />;
    return (
      <>
        <PageTitle title="Progress round" />
        <QueryError error={round.error} what="the round" />
      </>
    );
  }
  const data = round.data;
  const base = `/progress-rounds/${roundId}`;
  const values: EntryFilterValues = { state: params.get('state') ?? '', differ: params.get('differ') === 'yes' };
  const shown = entries.data ? filterEntries(entries.data, values) : [];
  const filtered = values.state !== '' || values.differ;

  return (
    <>
      <PageTitle title={`Progress update, ${data.label}`} />
      {opened ? (
        <NotificationBanner kind="success" heading={`The ${data.label} round is open.`}>
          <p className="govuk-body">
            Each organisation responsible for a recommendation can now report its progress by{' '}
            {formatDate(data.deadline)}.
          </p>
        </NotificationBanner>
      ) : null}
      {flash.changed ? <NotificationBanner kind="success" heading={`The ${data.label} round has been changed.`} /> : null}
      {flash.added ? (
        <NotificationBanner kind="success" heading={`${flash.added} has been added to the round.`}>
          <p className="govuk-body">Its draft update is in the list below, for the organisation that reports on it.</p>
        </NotificationBanner>
      ) : null}
      {flash.removed ? (
        <NotificationBanner kind="success" heading={`The update on ${flash.removed.toLowerCase()} has been removed from the round.`} />
      ) : null}
      <span className="govuk-caption-l">
        {review.data ? <Link to={`/reviews/${data.review_id}`}>{review.data.title}</Link> : 'Progress round'}
      </span>
      <h1 className="govuk-heading-l">Progress update, {data.label}</h1>
      <SummaryList
        rows={[
          {
            key: 'Status',
            value: (
              <>
                {data.status === 'open' ? <Tag colour="blue">Open</Tag> : <Tag colour="green">Closed</Tag>}{' '}
                {data.overdue ? <OverdueTag /> : null}
              </>
            ),
          },
          { key: 'Partners report by', value: formatDate(data.deadline) },
          { key: 'Committee meeting', value: data.meeting_date ? formatDate(data.meeting_date) : 'Not set' },
          { key: 'Minute reference', value: data.minute_reference },
          { key: 'Updates', value: roundCounts(data) },
        ]}
      />
      {staff ? (
        <div className="govuk-button-group">
          <Link to={`/progress-rounds/${roundId}/edit`} className="govuk-button govuk-button--secondary">
            Change the round
          </Link>
          {data.status === 'open' ? (
            <Link to={`/progress-rounds/${roundId}/entries/new`} className="govuk-button govuk-button--secondary">
              Add a recommendation to the round
            </Link>
          ) : null}
        </div>
      ) : null}
      <ProgressUpdateDownloads roundId={roundId} />
      <ImportProgressUpdateLink roundId={roundId} open={data.status === 'open'} />
      <h2 className="govuk-heading-l" id="updates">
        Updates
      </h2>
      <EntryFilters
        values={values}
        clearTo={base}
        onApply={(next) => setParams(new URL(search(base, next), window.location.origin).searchParams)}
      />
      {entries.isPending ? (
        <Loading label="Loading the updates" />
      ) : entries.isError ? (
        <QueryError error={entries.error} what="the updates" />
      ) : shown.length === 0 ? (
        <p className="govuk-body">
          {filtered ? 'No updates match these filters.' : 'This round has no updates you can see.'}
        </p>
      ) : (
        <>
          {filtered ? (
            <p className="govuk-body" role="status">
              Showing {shown.length} of {entries.data.length} updates.
            </p>
          ) : null}
          <RoundEntriesTable
            entries={shown}
            caption={filtered ? `Updates matching the filters (${shown.length})` : 'Updates'}
          />
          <ProgressEntriesExport
            heading={filtered ? 'Download the updates matching the filters' : 'Download the updates'}
            query={{ round_id: roundId, ...(values.state ? { state: values.state } : {}), ...(values.differ ? { grades_differ: true } : {}) }}
          />
        </>
      )}
      {staff ? (
        <>
          <h2 className="govuk-heading-l govuk-!-margin-top-6" id="history">
            History
          </h2>
          <History id={roundId} />
        </>
      ) : null}
    </>
  );
}
