import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import type { CommitteeDetail } from '@/api/types';
import { historyPageLink, PagedAuditHistory } from '@/components/ui/audit-history';
import { ErrorSummary } from '@/components/ui/error-summary';
import { DateInput, EMPTY_DATE, isoDate, Textarea, TextInput, type DateParts } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { useCommitteeHistory } from '@/features/committees/api/get-committee-history';
import { COMMITTEE_HISTORY } from '@/features/committees/lib/history';
import { formatDate } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useCommitteePage, useCreateCommittee, useReplaceCommittee, useUpdateCommittee, type CommitteesQuery } from '../api/committees';
import { changedFields, clientErrors, orNull } from '../lib/form-errors';
import { boolParam } from '../lib/search';
import { useEditDraft } from '../lib/use-edit-draft';
import { useListParams } from '../lib/use-list-params';
import { AdminList } from './admin-list';
import { BackLink } from './back-link';
import { ButtonLink } from './button-link';
import { ConflictBanner } from './conflict-banner';

const PAGE_SIZE = 25;

/** Committees by name; an officer sees their own council's, which they may change. */
export function CommitteesList({ councilId }: { councilId?: string | undefined }) {
  const list = useListParams('/admin/committees', ['replaced']);
  const { values, cursor } = list;
  const query: CommitteesQuery = { limit: PAGE_SIZE };
  if (councilId) query.council_id = councilId;
  const replaced = boolParam(values.replaced ?? '');
  if (replaced !== undefined) query.replaced = replaced;
  if (cursor) query.cursor = cursor;
  const committees = useCommitteePage(query);
  return (
    <AdminList
      title="Committees"
      actions={<ButtonLink to="/admin/committees/new">Add a committee</ButtonLink>}
      list={list}
      filters={[
        {
          name: 'replaced',
          label: 'Status',
          all: 'Current and replaced',
          options: [
            { value: 'false', label: 'Current' },
            { value: 'true', label: 'Renamed or replaced' },
          ],
        },
      ]}
      query={committees}
      empty="There are no committees that match."
      columns={['Name', 'Progress updates', 'Status']}
      href={(c) => `/admin/committees/${c.id}`}
      cells={(c) => (
        <>
          <td className="govuk-table__cell">Every {c.update_interval_months} months</td>
          <td className="govuk-table__cell">
            {c.successor_id ? <Tag colour="grey">Replaced {formatDate(c.replaced_on)}</Tag> : <Tag colour="green">Current</Tag>}
          </td>
        </>
      )}
    />
  );
}

const TARGETS: Record<string, FieldTarget> = {
  name: { id: 'name', label: 'Name' },
  description: { id: 'description', label: 'Description' },
  update_interval_months: { id: 'update_interval_months', label: 'Months between progress updates' },
  replaced_on: { id: 'replaced_on-day', label: 'Date of the change' },
};

function interval(value: string): number | string {
  const t = value.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 60) return 'Months between progress updates: enter a whole number from 1 to 60';
  return Number(t);
}

type Draft = { name: string; description: string; update_interval_months: string };
const draftOf = (c: CommitteeDetail): Draft => ({
  name: c.name,
  description: c.description ?? '',
  update_interval_months: String(c.update_interval_months),
});

/** A new committee, or corrections to one (a renaming by the council makes a successor instead). */
export function CommitteeForm({ committee, onReload, onSaved }: { committee?: CommitteeDetail; onReload?: () => Promise<unknown>; onSaved: (id: string) => void }) {
  const edit = useEditDraft<CommitteeDetail, Draft>(committee, draftOf, { name: '', description: '', update_interval_months: '6' });
  const { draft, setDraft } = edit;
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateCommittee();
  const update = useUpdateCommittee(committee?.id ?? '');
  const pending = create.isPending || update.isPending;

  function save(version: number) {
    const found: { id: string; text: string }[] = [];
    if (!draft.name.trim()) found.push({ id: 'name', text: 'Name: enter the name of the committee' });
    const months = interval(draft.update_interval_months);
    if (typeof months === 'string') found.push({ id: 'update_interval_months', text: months });
    setErrors(clientErrors(found));
    if (found.length > 0 || typeof months === 'string') return;
    const clean = { name: draft.name.trim(), description: orNull(draft.description), update_interval_months: months };
    const onError = (error: unknown) => {
      if (error instanceof ApiError && error.status === 412) {
        setErrors(NO_ERRORS);
        edit.startConflict();
        void onReload?.();
        return;
      }
      setErrors(problemErrors(error, (f) => TARGETS[f]));
    };
    if (!committee) {
      create.mutate(clean, { onSuccess: (c) => onSaved(c.id), onError });
      return;
    }
    const from = edit.base ?? committee;
    const before = { name: from.name, description: from.description ?? null, update_interval_months: from.update_interval_months };
    const body = changedFields(before, clean);
    if (Object.keys(body).length === 0) return onSaved(committee.id);
    update.mutate(
      { version, body },
      {
        onSuccess: (c) => {
          edit.saved({ ...committee, ...c });
          onSaved(c.id);
        },
        onError,
      },
    );
  }

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {edit.conflict && committee ? (
        <ConflictBanner what="this committee" ready={edit.latestReady} onKeepMine={() => save(edit.keepMine())} onTakeTheirs={edit.takeTheirs} />
      ) : null}
      <form
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          if (!pending) save(edit.baseVersion);
        }}
        noValidate
      >
        <TextInput id="name" label="Name" labelClass="govuk-label--s" hint={committee ? 'To correct a mistake. If the council has renamed the committee, record that below instead.' : 'For example, Crime and Disorder Select Committee'} error={errors.fields.name} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
        <Textarea id="description" label="Description (optional)" labelClass="govuk-label--s" rows={3} error={errors.fields.description} value={draft.description} onChange={(description) => setDraft({ ...draft, description })} />
        <TextInput id="update_interval_months" label="Months between progress updates" labelClass="govuk-label--s" hint="After the first update. From 1 to 60." width="govuk-input--width-3" error={errors.fields.update_interval_months} value={draft.update_interval_months} onChange={(update_interval_months) => setDraft({ ...draft, update_interval_months })} />
        <button type="submit" className="govuk-button" disabled={pending}>
          {committee ? 'Save changes' : 'Add committee'}
        </button>
      </form>
    </>
  );
}

/** The council renamed or replaced the committee: its successor takes over; reviews stay with this one. */
function SuccessorForm({ committee, onReload, onCreated }: { committee: CommitteeDetail; onReload: () => Promise<unknown>; onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const [date, setDate] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const replace = useReplaceCommittee(committee.id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (replace.isPending) return;
    const found: { id: string; text: string }[] = [];
    if (!name.trim()) found.push({ id: 'successor-name', text: 'New name: enter the name of the committee that replaces it' });
    const on = isoDate(date);
    if (on === 'invalid') found.push({ id: 'replaced_on-day', text: 'Date of the change: must be a real date, for example 1 5 2022' });
    setErrors(clientErrors(found));
    if (found.length > 0 || on === 'invalid') return;
    replace.mutate(
      { version: committee.version, body: { name: name.trim(), replaced_on: on, update_interval_months: committee.update_interval_months } },
      {
        onSuccess: (c) => onCreated(c.id),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            void onReload();
            setErrors({ fields: {}, summary: [{ text: 'Someone else changed this committee after you opened it. Check its details, then try again: what you typed is still here.' }] });
            return;
          }
          setErrors(problemErrors(error, (f) => (f === 'name' ? { id: 'successor-name', label: 'New name' } : TARGETS[f])));
        },
      },
    );
  }

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate aria-label="Renamed or replaced">
        <TextInput id="successor-name" label="New name" labelClass="govuk-label--s" error={errors.fields['successor-name']} value={name} onChange={setName} />
        <DateInput id="replaced_on" legend="Date of the change (optional)" hint="When the new committee took over. Leave blank for today. For example, 1 5 2022" error={errors.fields['replaced_on-day']} value={date} onChange={setDate} />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={replace.isPending}>
          Record the new committee
        </button>
      </form>
    </>
  );
}

/** The committee's changes, a page at a time (`?history=` in the address). */
function CommitteeHistory({ id }: { id: string }) {
  const [params] = useSearchParams();
  const cursor = params.get('history');
  const history = useCommitteeHistory(id, cursor);
  return (
    <PagedAuditHistory
      query={history}
      cursor={cursor}
      pageLink={historyPageLink(`/admin/committees/${id}`, params, 'history', 'history')}
      label="Changes to the committee, newest first"
      vocabulary={COMMITTEE_HISTORY}
    />
  );
}

export function CommitteeDetailPage({ committee, onReload, onNavigate }: { committee: CommitteeDetail; onReload: () => Promise<unknown>; onNavigate: (path: string) => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageTitle title={committee.name} />
      <BackLink to="/admin/committees">Committees</BackLink>
      {saved ? <NotificationBanner kind="success" heading="The committee has been saved" /> : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Committee</span>
        {committee.name}
      </h1>
      <SummaryList
        rows={[
          { key: 'Description', value: committee.description },
          { key: 'Progress updates', value: `Every ${committee.update_interval_months} months` },
          {
            key: 'Replaced by',
            value: committee.successor_id ? (
              <>
                <Link to={`/admin/committees/${committee.successor_id}`}>The committee that replaced it</Link> on {formatDate(committee.replaced_on)}
              </>
            ) : null,
          },
          {
            key: 'Replaced',
            value:
              committee.predecessors.length > 0 ? (
                <ul className="govuk-list">
                  {committee.predecessors.map((p) => (
                    <li key={p.id}>
                      <Link to={`/admin/committees/${p.id}`}>{p.name}</Link>
                    </li>
                  ))}
                </ul>
              ) : null,
          },
        ]}
      />
      <h2 className="govuk-heading-m">Correct its details</h2>
      <CommitteeForm key={committee.id} committee={committee} onReload={onReload} onSaved={() => setSaved(true)} />
      {committee.successor_id ? null : (
        <>
          <h2 className="govuk-heading-m">Renamed or replaced</h2>
          <p className="govuk-body">
            When the council renames the committee or another takes over its work, record the new committee. Reviews stay with
            the committee that ran them.
          </p>
          <SuccessorForm committee={committee} onReload={onReload} onCreated={(id) => onNavigate(`/admin/committees/${id}`)} />
        </>
      )}
      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="history">
        History
      </h2>
      <CommitteeHistory id={committee.id} />
    </>
  );
}
