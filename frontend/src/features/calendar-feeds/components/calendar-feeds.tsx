// A person's calendar feeds: make one (their own work, an organisation's, a committee's), see its
// address once to subscribe to it from their calendar (or download the dates now), and revoke it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CalendarFeed, CalendarFeedCreated, Committee, Me } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Radios, Select, TextInput } from '@/components/ui/form';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { Tag } from '@/components/ui/tag';
import { documents } from '@/features/documents/api/download';
import { DownloadButton } from '@/features/documents/components/download-list';
import { formatInstant } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useCalendarFeeds, useCreateCalendarFeed, useRevokeCalendarFeed } from '../api/feeds';
import { feedAddress, feedToken } from '../lib/address';
import { SubscribeInstructions } from './subscribe-instructions';

type Kind = 'user' | 'organisation' | 'committee';

const TARGETS: Record<string, FieldTarget> = {
  kind: { id: 'feed-kind', label: 'Dates of' },
  organisation_id: { id: 'feed-kind', label: 'Dates of' },
  committee_id: { id: 'feed-committee', label: 'Committee' },
  name: { id: 'feed-name', label: 'Name in your calendar' },
};

function kindLabel(feed: CalendarFeed): string {
  if (feed.kind === 'user') return 'Your own work';
  if (feed.kind === 'committee') return 'A committee';
  return 'An organisation';
}

/** The new feed's address, shown once, with a copy button and the dates to download now. */
function AddressPanel({ created }: { created: CalendarFeedCreated }) {
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => ref.current?.focus(), []);
  const address = feedAddress(created.path);
  const token = feedToken(created.path);
  async function copy() {
    try {
      await navigator.clipboard.writeText(address);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="govuk-notification-banner govuk-notification-banner--success"
      role="region"
      aria-labelledby="feed-title"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="feed-title">
          Your calendar feed
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{created.feed.name} is ready</p>
        <p className="govuk-body">Subscribe to this address from your calendar (Outlook, Google Calendar or Apple Calendar):</p>
        <p className="govuk-body">
          <code className="app-admin-secret" id="feed-address">
            {address}
          </code>
        </p>
        <SubscribeInstructions />
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Anyone with this address can read these dates: keep it to yourself. It will not be shown again; if it
            leaks, revoke the feed and make a new one.
          </strong>
        </div>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" onClick={() => void copy()}>
          Copy the address
        </button>
        <p className="govuk-body govuk-!-margin-bottom-2" role="status">
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'It could not be copied automatically: select the address above and copy it.'
              : ''}
        </p>
        {token ? (
          <p className="govuk-body govuk-!-margin-bottom-0">
            Or{' '}
            <DownloadButton what="calendar (.ics)" source={() => documents.calendarFeed(token)}>
              download the dates now as a file
            </DownloadButton>{' '}
            to import them once.
          </p>
        ) : null}
      </div>
    </div>
  );
}

function NewFeedForm({ me, committees, onCreated }: { me: Me; committees: readonly Committee[]; onCreated: (created: CalendarFeedCreated) => void }) {
  const staff = me.role === 'admin' || me.role === 'officer';
  const [kind, setKind] = useState<Kind | ''>('user');
  const [committee, setCommittee] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const create = useCreateCalendarFeed();
  const ours = committees.filter((c) => c.council_id === me.organisation.id && !c.successor_id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending || !kind) return;
    if (kind === 'committee' && !committee) {
      const text = 'Committee: choose the committee';
      setErrors({ fields: { 'feed-committee': text }, summary: [{ field: 'feed-committee', text }] });
      return;
    }
    setErrors(NO_ERRORS);
    create.mutate(
      {
        kind,
        organisation_id: kind === 'organisation' ? me.organisation.id : null,
        committee_id: kind === 'committee' ? committee : null,
        name: name.trim() ? name.trim() : null,
      },
      {
        onSuccess: (created) => {
          setName('');
          onCreated(created);
        },
        onError: (error) => setErrors(problemErrors(error, (field) => TARGETS[field])),
      },
    );
  }

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate aria-label="Make a calendar feed">
        <Radios<Kind>
          id="feed-kind"
          name="feed-kind"
          legend="Dates of"
          error={errors.fields['feed-kind']}
          value={kind}
          onChange={setKind}
          options={[
            {
              value: 'user',
              label: 'Your own work',
              hint: staff ? "Your council's reviews" : `What ${me.organisation.name} is responsible for`,
            },
            { value: 'organisation', label: `${me.organisation.name}'s`, hint: 'Everything of the organisation you work for' },
            ...(staff && ours.length > 0
              ? [
                  {
                    value: 'committee' as const,
                    label: "One committee's reviews",
                    conditional: (
                      <Select
                        id="feed-committee"
                        label="Committee"
                        error={errors.fields['feed-committee']}
                        value={committee}
                        onChange={setCommittee}
                        placeholder="Choose a committee"
                        options={ours.map((c) => ({ value: c.id, label: c.name }))}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
        <TextInput
          id="feed-name"
          label="Name in your calendar (optional)"
          labelClass="govuk-label--s"
          hint="For example, Scrutiny dates"
          error={errors.fields['feed-name']}
          value={name}
          onChange={setName}
        />
        <button type="submit" className="govuk-button" disabled={create.isPending}>
          Make a calendar feed
        </button>
      </form>
    </>
  );
}

function FeedsTable({ feeds }: { feeds: readonly CalendarFeed[] }) {
  const revoke = useRevokeCalendarFeed();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <table className="govuk-table app-table--responsive">
        <caption className="govuk-table__caption govuk-table__caption--m">Your calendar feeds</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header">
              Dates of
            </th>
            <th scope="col" className="govuk-table__header">
              Last read by a calendar
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {feeds.map((feed) => (
            <tr className="govuk-table__row" key={feed.id}>
              <th scope="row" className="govuk-table__header app-table__title">
                {feed.name}
                <span className="govuk-body-s app-secondary-text app-block">Made {formatInstant(feed.created_at)}</span>
              </th>
              <td className="govuk-table__cell" data-label="Dates of">
                {kindLabel(feed)}
              </td>
              <td className="govuk-table__cell" data-label="Last read by a calendar">
                {feed.last_read_at ? formatInstant(feed.last_read_at) : 'Not yet'}
              </td>
              <td className="govuk-table__cell" data-label="Status">
                {feed.revoked_at ? (
                  <>
                    <Tag colour="grey">Revoked</Tag>
                    <span className="govuk-body-s app-secondary-text app-block">{formatInstant(feed.revoked_at)}</span>
                  </>
                ) : (
                  <>
                    <Tag colour="green">Active</Tag>{' '}
                    <button
                      type="button"
                      className="govuk-link app-link-button"
                      aria-disabled={revoke.isPending || undefined}
                      onClick={() => {
                        if (revoke.isPending) return;
                        setErrors(NO_ERRORS);
                        revoke.mutate(feed.id, { onError: (error) => setErrors(problemErrors(error, () => undefined)) });
                      }}
                    >
                      Revoke{' '}<span className="govuk-visually-hidden">{feed.name}</span>
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The page: what a feed is, the new feed's address once, the feeds and the form to make one. */
export function CalendarFeedsPage({ me, committees }: { me: Me; committees: readonly Committee[] }) {
  const feeds = useCalendarFeeds();
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  return (
    <>
      <PageTitle title="Calendar feeds" />
      {created ? <AddressPanel key={created.feed.id} created={created} /> : null}
      <h1 className="govuk-heading-l">Calendar feeds</h1>
      <p className="govuk-body">
        See your scrutiny dates in your own calendar: milestones of open actions (one given as a month falls on its last
        working day), progress update deadlines, committee and Cabinet meetings, call-in deadlines and statutory responses
        due. Your calendar reads them from the feed&apos;s address and keeps them up to date.
      </p>
      {feeds.isPending ? (
        <Loading label="Loading your calendar feeds" />
      ) : feeds.isError ? (
        <QueryError error={feeds.error} what="your calendar feeds" />
      ) : feeds.data.items.length === 0 ? (
        <p className="govuk-body">You have no calendar feeds yet.</p>
      ) : (
        <FeedsTable feeds={feeds.data.items} />
      )}
      <h2 className="govuk-heading-m">Make a calendar feed</h2>
      <NewFeedForm me={me} committees={committees} onCreated={setCreated} />
    </>
  );
}
