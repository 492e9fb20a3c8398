import { Link } from '@/components/ui/link';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { formatInstant } from '@/lib/format';
import { useAuditEvents, type AuditEventsQuery } from '../api/audit-events';
import { useListParams } from '../lib/use-list-params';
import { AuditChanges } from './audit-changes';
import { BackLink } from './back-link';
import { ListFilters } from './list-filters';
import { ListState, ScrollTable } from './list-state';

const PAGE_SIZE = 50;

export const ENTITY_TYPES = [
  { value: 'user', label: 'Users' },
  { value: 'organisation', label: 'Organisations' },
  { value: 'contact', label: 'Contacts' },
  { value: 'service_account', label: 'Service accounts' },
  { value: 'council_settings', label: 'Council settings' },
  { value: 'holiday_calendar', label: 'Calendars' },
  { value: 'committee', label: 'Committees' },
  { value: 'review', label: 'Reviews' },
  { value: 'recommendation', label: 'Recommendations' },
  { value: 'recommendation_part', label: 'Parts of recommendations' },
  { value: 'decision', label: 'Decisions' },
  { value: 'action_plan', label: 'Action plans' },
  { value: 'action', label: 'Actions' },
  { value: 'progress_round', label: 'Progress rounds' },
  { value: 'progress_entry', label: 'Progress updates' },
  { value: 'attachment', label: 'Attachments' },
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day after an ISO date, for an inclusive "to". */
function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/** The audit trail, newest first, filtered by what changed, who changed it and when. */
export function AuditEventsList() {
  const list = useListParams('/admin/audit-events', ['entity_type', 'action', 'entity_id', 'actor_id', 'from', 'to']);
  const { values, cursor } = list;
  const query: AuditEventsQuery = { limit: PAGE_SIZE };
  if (values.entity_type) query.entity_type = values.entity_type;
  if (values.action) query.action = values.action.trim();
  if (values.entity_id && UUID.test(values.entity_id.trim())) query.entity_id = values.entity_id.trim();
  if (values.actor_id && UUID.test(values.actor_id.trim())) query.actor_id = values.actor_id.trim();
  if (values.from && DAY.test(values.from)) query.from = `${values.from}T00:00:00Z`;
  if (values.to && DAY.test(values.to)) query.to = nextDay(values.to);
  if (cursor) query.cursor = cursor;
  const events = useAuditEvents(query);
  const ignored = (['entity_id', 'actor_id'] as const).filter((k) => values[k] && !UUID.test(values[k]!.trim()));
  return (
    <>
      <PageTitle title="Audit trail" />
      <BackLink to="/admin">Administration</BackLink>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <ListFilters
        label="Filter the audit trail"
        values={values}
        clearTo="/admin/audit-events"
        onApply={list.apply}
        fields={[
          { name: 'entity_type', label: 'Record', all: 'All records', options: ENTITY_TYPES },
          { name: 'action', label: 'Action', hint: 'For example, user.updated' },
          { name: 'entity_id', label: 'Record ID' },
          { name: 'actor_id', label: 'ID of who made the change' },
          { name: 'from', label: 'From', type: 'date' },
          { name: 'to', label: 'To', type: 'date' },
        ]}
      />
      {ignored.length > 0 ? (
        <div className="govuk-inset-text">An ID filter was left out: an ID looks like 0192f7a4-5c1e-7d6a-9b0e-3f6d2a1c9e77.</div>
      ) : null}
      <ListState
        query={events}
        what="the audit trail"
        firstPage={list.path()}
        empty={list.filtered ? 'No changes match these filters.' : 'Nothing has been recorded yet.'}
      >
        {(items) => (
          <>
            <ScrollTable label="Audit events">
              <table className="govuk-table">
                <caption className="govuk-table__caption govuk-table__caption--m">
                  {cursor ? 'Changes, newest first (continued)' : 'Changes, newest first'}
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">When</th>
                    <th scope="col" className="govuk-table__header">Who</th>
                    <th scope="col" className="govuk-table__header">Action</th>
                    <th scope="col" className="govuk-table__header">Record</th>
                    <th scope="col" className="govuk-table__header">What changed</th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {items.map((e) => (
                    <tr className="govuk-table__row" key={e.id}>
                      <td className="govuk-table__cell">{formatInstant(e.occurred_at)}</td>
                      <td className="govuk-table__cell">
                        {e.actor.id ? <Link to={`/admin/audit-events?actor_id=${e.actor.id}`}>
                            {e.actor.name}
                            <span className="govuk-visually-hidden">: every change they made</span>
                          </Link> : e.actor.name}
                        {e.actor.kind === 'service_account' ? <span className="govuk-body-s app-secondary-text"> (service account)</span> : null}
                      </td>
                      <td className="govuk-table__cell">
                        <code>{e.action}</code>
                      </td>
                      <td className="govuk-table__cell">
                        <Link to={`/admin/audit-events?entity_type=${e.entity_type}&entity_id=${e.entity_id}`}>
                          {ENTITY_TYPES.find((t) => t.value === e.entity_type)?.label ?? e.entity_type}
                          <span className="govuk-visually-hidden">: every change to this record</span>
                        </Link>
                      </td>
                      <td className="govuk-table__cell">
                        <AuditChanges event={e} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            <NextPage next={events.data?.next_cursor ? list.path(events.data.next_cursor) : null} first={cursor ? list.path() : null} />
          </>
        )}
      </ListState>
    </>
  );
}
