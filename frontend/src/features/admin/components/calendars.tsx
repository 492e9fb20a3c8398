// Working-day calendars under the settings: their holidays (bank holidays and the council's own
// closure days), adding and removing them, and each calendar's history. Call-in periods count
// working days in the calendar the council's settings choose.
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import type { Calendar, Me } from '@/api/types';
import { historyPageLink, PagedAuditHistory, snapshotOf, textOf, type HistoryVocabulary } from '@/components/ui/audit-history';
import { ErrorSummary } from '@/components/ui/error-summary';
import { DateInput, EMPTY_DATE, isoDate, TextInput, type DateParts } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { NextPage } from '@/components/ui/next-page';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { formatDate, formatInstant } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FormErrors } from '@/lib/problem-errors';
import { useAddHoliday, useCalendarHistory, useCreateCalendar, useHolidays, useRemoveHoliday } from '../api/calendars';
import { useCalendars } from '../api/council-settings';
import { keepsCalendar } from '../lib/access';
import { clientErrors } from '../lib/form-errors';
import { BackLink } from './back-link';
import { ButtonLink } from './button-link';
import { ListState, ScrollTable } from './list-state';

/** A calendar's changes in words: "Holiday added: 19 September 2022, State Funeral…". */
export const CALENDAR_HISTORY: HistoryVocabulary = {
  titles: { 'calendar.created': 'Calendar created', 'holiday.added': 'Holiday added', 'holiday.removed': 'Holiday removed' },
  title: (event) => {
    const holiday = snapshotOf(event.action === 'holiday.removed' ? event.before : event.after);
    if (!event.action.startsWith('holiday.') || !holiday) return null;
    const what = event.action === 'holiday.added' ? 'Holiday added' : 'Holiday removed';
    return `${what}: ${formatDate(textOf(holiday.date))}, ${textOf(holiday.title)}`;
  },
  fields: [{ label: 'Name', get: (s) => (s.date ? '' : textOf(s.name)) }],
};

function CalendarKind({ calendar, me }: { calendar: Calendar; me: Me }) {
  if (!calendar.council_id) return <Tag colour="blue">National</Tag>;
  return <Tag colour="turquoise">{calendar.council_id === me.organisation.id ? "Your council's" : 'Local'}</Tag>;
}

/** Every calendar the person can see: the national ones and their council's own. */
export function CalendarsList({ me, canCreate }: { me: Me; canCreate: boolean }) {
  const calendars = useCalendars();
  return (
    <>
      <PageTitle title="Calendars" />
      <BackLink to="/admin">Administration</BackLink>
      <h1 className="govuk-heading-l">Calendars and holidays</h1>
      <p className="govuk-body">
        A decision&apos;s call-in period counts working days: weekends and the holidays of the calendar your council&apos;s{' '}
        <Link to={`/admin/councils/${me.organisation.id}/settings`}>settings</Link> choose do not count. The national
        calendars hold the bank holidays and are kept by the service&apos;s operators; your council&apos;s own calendar holds
        its closure days.
      </p>
      {canCreate ? <ButtonLink to="/admin/calendars/new">Add a calendar</ButtonLink> : null}
      <ListState
        query={{ ...calendars, data: calendars.data ? { items: calendars.data } : undefined }}
        what="the calendars"
        firstPage="/admin/calendars"
        empty="There are no calendars yet."
      >
        {(items) => (
          <ScrollTable label="Calendars">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--m">Calendars</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Kept by
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Last changed
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {items.map((c) => (
                  <tr className="govuk-table__row" key={c.id}>
                    <th scope="row" className="govuk-table__header">
                      <Link to={`/admin/calendars/${c.id}`}>{c.name}</Link>
                    </th>
                    <td className="govuk-table__cell">
                      <CalendarKind calendar={c} me={me} />
                    </td>
                    <td className="govuk-table__cell">{formatInstant(c.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </ListState>
    </>
  );
}

/** A new, empty calendar. */
export function NewCalendarPage() {
  const navigate = useNavigate();
  const create = useCreateCalendar();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    if (!name.trim()) {
      setErrors(clientErrors([{ id: 'name', text: 'Name: enter the name of the calendar' }]));
      return;
    }
    setErrors(NO_ERRORS);
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (calendar) =>
          void navigate(`/admin/calendars/${calendar.id}`, {
            state: { flash: { text: `${calendar.name} has been added. Add its holidays below.`, holiday: false } },
          }),
        onError: (error) => setErrors(problemErrors(error, (f) => (f === 'name' ? { id: 'name', label: 'Name' } : undefined))),
      },
    );
  }

  return (
    <>
      <PageTitle title="Add a calendar" error={errors.summary.length > 0} />
      <BackLink to="/admin/calendars">Calendars</BackLink>
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Add a calendar</h1>
      <p className="govuk-body">
        A calendar of your council&apos;s own closure days. It starts empty: add its days one by one. Choose it in the
        council&apos;s settings for call-in periods to skip them.
      </p>
      <form onSubmit={submit} noValidate>
        <TextInput
          id="name"
          label="Name"
          labelClass="govuk-label--s"
          hint="For example, Stockton-on-Tees council closure days"
          error={errors.fields.name}
          value={name}
          onChange={setName}
        />
        <button type="submit" className="govuk-button" disabled={create.isPending}>
          Add calendar
        </button>
      </form>
    </>
  );
}

const HOLIDAY_TARGETS = {
  date: { id: 'holiday-date-day', label: 'Date' },
  title: { id: 'holiday-title', label: 'Name of the holiday' },
} as const;

/** Adding a holiday: its day and name. */
function AddHolidayForm({ calendarId, onAdded }: { calendarId: string; onAdded: (message: string) => void }) {
  const add = useAddHoliday(calendarId);
  const [date, setDate] = useState<DateParts>(EMPTY_DATE);
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (add.isPending) return;
    const day = isoDate(date);
    const found: { id: string; text: string }[] = [];
    if (day === null) found.push({ id: 'holiday-date-day', text: 'Date: enter the day of the holiday' });
    if (day === 'invalid') found.push({ id: 'holiday-date-day', text: 'Date: must be a real date, for example 19 9 2022' });
    if (!title.trim()) found.push({ id: 'holiday-title', text: 'Name of the holiday: enter its name' });
    setErrors(clientErrors(found));
    if (found.length > 0 || day === null || day === 'invalid') return;
    add.mutate(
      { date: day, title: title.trim() },
      {
        onSuccess: (holiday) => {
          setDate(EMPTY_DATE);
          setTitle('');
          onAdded(`${formatDate(holiday.date)}, ${holiday.title}, has been added`);
        },
        onError: (error) =>
          setErrors(problemErrors(error, (f) => (f === 'date' || f === 'title' ? HOLIDAY_TARGETS[f] : undefined))),
      },
    );
  }

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate aria-label="Add a holiday">
        <DateInput
          id="holiday-date"
          legend="Date"
          hint="For example, 19 9 2022"
          error={errors.fields['holiday-date-day']}
          value={date}
          onChange={setDate}
        />
        <TextInput
          id="holiday-title"
          label="Name of the holiday"
          labelClass="govuk-label--s"
          hint="For example, State Funeral of Queen Elizabeth II"
          error={errors.fields['holiday-title']}
          value={title}
          onChange={setTitle}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={add.isPending}>
          Add holiday
        </button>
      </form>
    </>
  );
}

function day(raw: string | null): string | undefined {
  return raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined;
}

/** The calendar's holidays, a page at a time, optionally between two days (in the address). */
function Holidays({ calendar, keeps }: { calendar: Calendar; keeps: boolean }) {
  const [params, setParams] = useSearchParams();
  const from = day(params.get('from'));
  const to = day(params.get('to'));
  const cursor = params.get('cursor');
  const holidays = useHolidays(calendar.id, { limit: 50, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(cursor ? { cursor } : {}) });
  const base = `/admin/calendars/${calendar.id}`;
  const [draft, setDraft] = useState({ from: from ?? '', to: to ?? '' });
  const page = (c: string | null) => {
    const p = new URLSearchParams();
    if (from) p.set('from', from);
    if (to) p.set('to', to);
    if (c) p.set('cursor', c);
    const s = p.toString();
    return `${base}${s ? `?${s}` : ''}#holidays`;
  };
  return (
    <>
      <form
        className="app-filters"
        role="search"
        aria-label="Filter holidays"
        onSubmit={(e) => {
          e.preventDefault();
          const p = new URLSearchParams();
          if (draft.from) p.set('from', draft.from);
          if (draft.to) p.set('to', draft.to);
          setParams(p);
        }}
      >
        <div className="app-filters__fields">
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="filter-from">
              From
            </label>
            <input className="govuk-input" id="filter-from" name="from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="filter-to">
              To
            </label>
            <input className="govuk-input" id="filter-to" name="to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </div>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Show these holidays
          </button>
          {from || to ? <Link to={`${base}#holidays`}>Show every holiday</Link> : null}
        </div>
      </form>
      <ListState
        query={holidays}
        what="the holidays"
        firstPage={page(null)}
        empty={from || to ? 'No holidays fall between these days.' : 'This calendar has no holidays yet.'}
      >
        {(items) => (
          <>
            <ScrollTable label="Holidays">
              <table className="govuk-table">
                <caption className="govuk-table__caption govuk-table__caption--s">
                  Holidays{cursor ? ' (continued)' : ''}, by date
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Date
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Holiday
                    </th>
                    {keeps ? (
                      <th scope="col" className="govuk-table__header">
                        <span className="govuk-visually-hidden">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {items.map((h) => (
                    <tr className="govuk-table__row" key={h.date}>
                      <th scope="row" className="govuk-table__header">
                        {formatDate(h.date)}
                      </th>
                      <td className="govuk-table__cell">{h.title}</td>
                      {keeps ? (
                        <td className="govuk-table__cell">
                          <Link to={`${base}/holidays/${h.date}/remove`}>
                            Remove{' '}<span className="govuk-visually-hidden">{formatDate(h.date)}</span>
                          </Link>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            <NextPage next={holidays.data?.next_cursor ? page(holidays.data.next_cursor) : null} first={cursor ? page(null) : null} />
          </>
        )}
      </ListState>
    </>
  );
}

function CalendarHistory({ id }: { id: string }) {
  const [params] = useSearchParams();
  const cursor = params.get('history');
  const history = useCalendarHistory(id, cursor);
  return (
    <PagedAuditHistory
      query={history}
      cursor={cursor}
      pageLink={historyPageLink(`/admin/calendars/${id}`, params, 'history', 'history')}
      label="Changes to the calendar, newest first"
      vocabulary={CALENDAR_HISTORY}
    />
  );
}

/** After a holiday changes: decisions already made keep their deadline until it is recomputed. */
function RecomputeNotice() {
  return (
    <p className="govuk-body">
      Decisions already made keep the call-in deadline they were given. Open each one still{' '}
      <Link to="/decisions?call_in=open">open for call-in</Link> and recompute its deadline if this day falls in its
      period.
    </p>
  );
}

/** A message after a change: for a holiday added or removed, with the reminder to recompute deadlines. */
export type CalendarFlash = { text: string; holiday: boolean };

type PageProps = { calendar: Calendar; me: Me; flash?: CalendarFlash | null };

/** A calendar: what it is, its holidays (added and removed by those who keep it) and its history. */
export function CalendarPage({ calendar, me, flash = null }: PageProps) {
  const keeps = keepsCalendar(me, calendar);
  const [message, setMessage] = useState<CalendarFlash | null>(flash);
  return (
    <>
      <PageTitle title={calendar.name} />
      <BackLink to="/admin/calendars">Calendars</BackLink>
      {message ? (
        <NotificationBanner key={message.text} kind="success" heading={message.text}>
          {message.holiday ? <RecomputeNotice /> : null}
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Calendar</span>
        {calendar.name}
      </h1>
      <SummaryList
        rows={[
          {
            key: 'Kept by',
            value: calendar.council_id
              ? calendar.council_id === me.organisation.id
                ? `${me.organisation.name} (its closure days)`
                : 'A council (its closure days)'
              : "The service's operators (national bank holidays)",
          },
          { key: 'Last changed', value: formatInstant(calendar.updated_at) },
        ]}
      />
      {keeps ? (
        <>
          <h2 className="govuk-heading-m">Add a holiday</h2>
          <AddHolidayForm calendarId={calendar.id} onAdded={(text) => setMessage({ text: `${text}.`, holiday: true })} />
        </>
      ) : (
        <div className="govuk-inset-text">
          {calendar.council_id
            ? "Only your council's administrators can change its calendar."
            : "The national calendar is kept by the service's operators. Add your council's own closure days to a calendar of your council's."}
        </div>
      )}
      <h2 className="govuk-heading-m" id="holidays">
        Holidays
      </h2>
      <Holidays calendar={calendar} keeps={keeps} />
      <h2 className="govuk-heading-m" id="history">
        History
      </h2>
      <CalendarHistory id={calendar.id} />
    </>
  );
}

/** Removing a holiday, after asking. */
export function RemoveHolidayPage({ calendar, date, title }: { calendar: Calendar; date: string; title: string | null }) {
  const navigate = useNavigate();
  const remove = useRemoveHoliday(calendar.id);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const base = `/admin/calendars/${calendar.id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (remove.isPending) return;
    setErrors(NO_ERRORS);
    remove.mutate(date, {
      onSuccess: () =>
        void navigate(base, {
          state: { flash: { text: `${formatDate(date)}${title ? `, ${title},` : ''} has been removed.`, holiday: true } },
        }),
      onError: (error) => {
        if (error instanceof ApiError && error.status === 404) {
          setErrors({ fields: {}, summary: [{ text: 'The calendar no longer has a holiday on that day.' }] });
          return;
        }
        setErrors(problemErrors(error, () => undefined));
      },
    });
  }

  return (
    <>
      <PageTitle title={`Remove ${formatDate(date)}`} error={errors.summary.length > 0} />
      <BackLink to={base}>{calendar.name}</BackLink>
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{calendar.name}</span>
        Remove {formatDate(date)}
        {title ? `, ${title}` : ''}?
      </h1>
      <p className="govuk-body">
        It will count as a working day again. The calendar&apos;s history keeps the removal. Decisions already made keep the
        call-in deadline they were given until it is recomputed.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--warning" disabled={remove.isPending}>
            Remove holiday
          </button>
          <Link to={base}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
