// Webhook subscriptions: an administrator subscribes another system's address to the council's
// events, is shown its signing secret once, changes or pauses it, replaces its secret, reads its
// delivery log and sends a delivery again.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '@/api/problem';
import type { WebhookDelivery, WebhookSubscription, WebhookSubscriptionWithSecret } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Textarea, TextInput } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { NextPage } from '@/components/ui/next-page';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { SummaryList } from '@/components/ui/summary-list';
import { Tag } from '@/components/ui/tag';
import { formatInstant } from '@/lib/format';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import {
  useCreateWebhook,
  useDeliveries,
  useRedeliver,
  useRemoveWebhook,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhooks,
  type WebhooksQuery,
} from '../api/webhooks';
import { changedFields, clientErrors, orNull } from '../lib/form-errors';
import { useEditDraft } from '../lib/use-edit-draft';
import { useListParams } from '../lib/use-list-params';
import { BackLink } from './back-link';
import { ButtonLink } from './button-link';
import { ConflictBanner } from './conflict-banner';
import { ListState, ScrollTable } from './list-state';

const PAGE_SIZE = 25;

function StatusTag({ subscription }: { subscription: WebhookSubscription }) {
  return subscription.status === 'active' ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Paused</Tag>;
}

function types(subscription: WebhookSubscription): string {
  return subscription.event_types.length === 0 ? 'Every event' : subscription.event_types.join(', ');
}

/** The council's webhook subscriptions. */
export function WebhooksList() {
  const list = useListParams('/admin/webhooks', []);
  const query: WebhooksQuery = { limit: PAGE_SIZE };
  if (list.cursor) query.cursor = list.cursor;
  const webhooks = useWebhooks(query);
  return (
    <>
      <PageTitle title="Webhooks" />
      <BackLink to="/admin">Administration</BackLink>
      <h1 className="govuk-heading-l">Webhooks</h1>
      <p className="govuk-body">
        Other systems, such as a partner&apos;s case system, can be told of your council&apos;s changes as they happen: each
        event is sent to their address, signed with a secret they check.
      </p>
      <ButtonLink to="/admin/webhooks/new">Add a webhook</ButtonLink>
      <ListState query={webhooks} what="the webhooks" firstPage={list.path()} empty="There are no webhooks yet.">
        {(items) => (
          <>
            <ScrollTable label="Webhooks">
              <table className="govuk-table">
                <caption className="govuk-table__caption govuk-table__caption--m">Webhooks</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Address
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Events
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {items.map((w) => (
                    <tr className="govuk-table__row" key={w.id}>
                      <th scope="row" className="govuk-table__header">
                        <Link to={`/admin/webhooks/${w.id}`} className="app-break-anywhere">
                          {w.url}
                        </Link>
                        {w.description ? <span className="govuk-body-s app-secondary-text app-block">{w.description}</span> : null}
                      </th>
                      <td className="govuk-table__cell">{types(w)}</td>
                      <td className="govuk-table__cell">
                        <StatusTag subscription={w} />
                        {w.status !== 'active' && w.disabled_reason ? (
                          <span className="govuk-body-s app-block govuk-!-margin-top-1">{w.disabled_reason}</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            <NextPage
              next={webhooks.data?.next_cursor ? list.path(webhooks.data.next_cursor) : null}
              first={list.cursor ? list.path() : null}
            />
          </>
        )}
      </ListState>
    </>
  );
}

/** The signing secret, shown the one time the API gives it; never cached or stored. */
function SecretPanel({ secret, heading }: { secret: string; heading: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => ref.current?.focus(), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
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
      aria-labelledby="secret-title"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="secret-title">
          Signing secret
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        <p className="govuk-body">
          <code className="app-admin-secret" id="signing-secret">
            {secret}
          </code>
        </p>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Give this secret to the receiving system now, securely: it checks each delivery&apos;s signature with it. It
            will not be shown again.
          </strong>
        </div>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" onClick={() => void copy()}>
          Copy the signing secret
        </button>
        <p className="govuk-body govuk-!-margin-bottom-0" role="status">
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'It could not be copied automatically: select the secret above and copy it.'
              : ''}
        </p>
      </div>
    </div>
  );
}

const TARGETS: Record<string, FieldTarget> = {
  url: { id: 'url', label: 'Address' },
  event_types: { id: 'event_types', label: 'Events' },
  description: { id: 'description', label: 'Description' },
  owner_email: { id: 'owner_email', label: 'Who to tell when deliveries fail' },
};
const locate = (field: string) => TARGETS[field.replace(/\[\d+\]$/, '')];

/** "a\nb, c" → ["a", "b", "c"]. */
function typeList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

type Draft = { url: string; event_types: string; description: string; owner_email: string };
const BLANK: Draft = { url: '', event_types: '', description: '', owner_email: '' };
const draftOf = (w: WebhookSubscription): Draft => ({
  url: w.url,
  event_types: w.event_types.join('\n'),
  description: w.description ?? '',
  owner_email: w.owner_email,
});

function Fields({ draft, setDraft, errors, creating }: { draft: Draft; setDraft: (d: Draft) => void; errors: FormErrors; creating: boolean }) {
  return (
    <>
      <TextInput
        id="url"
        label="Address"
        labelClass="govuk-label--s"
        hint="Where each event is sent: a public https address, for example https://case-system.police.example/hooks/scrutiny"
        error={errors.fields.url}
        value={draft.url}
        onChange={(url) => setDraft({ ...draft, url })}
        spellCheck={false}
      />
      <Textarea
        id="event_types"
        label="Events (optional)"
        labelClass="govuk-label--s"
        hint="The types of event to send, one a line, as the API documentation lists them, for example progress_entry.submitted. Leave empty for every event."
        rows={3}
        error={errors.fields.event_types}
        value={draft.event_types}
        onChange={(event_types) => setDraft({ ...draft, event_types })}
      />
      <TextInput
        id="description"
        label="Description (optional)"
        labelClass="govuk-label--s"
        hint="For example, Cleveland Police case system"
        error={errors.fields.description}
        value={draft.description}
        onChange={(description) => setDraft({ ...draft, description })}
      />
      <TextInput
        id="owner_email"
        label={creating ? 'Who to tell when deliveries fail (optional)' : 'Who to tell when deliveries fail'}
        labelClass="govuk-label--s"
        hint={creating ? 'An email address. Leave empty for yours.' : 'An email address'}
        error={errors.fields.owner_email}
        value={draft.owner_email}
        onChange={(owner_email) => setDraft({ ...draft, owner_email })}
        autoComplete="email"
        spellCheck={false}
      />
    </>
  );
}

/** A new subscription; the answer's secret is shown once, on this page. */
export function NewWebhook() {
  const [draft, setDraft] = useState<Draft>(BLANK);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [created, setCreated] = useState<WebhookSubscriptionWithSecret | null>(null);
  const create = useCreateWebhook();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const found = draft.url.trim() ? [] : [{ id: 'url', text: 'Address: enter the address to send events to' }];
    setErrors(clientErrors(found));
    if (found.length > 0) return;
    create.mutate(
      {
        url: draft.url.trim(),
        event_types: typeList(draft.event_types),
        description: orNull(draft.description),
        owner_email: orNull(draft.owner_email),
      },
      { onSuccess: setCreated, onError: (error) => setErrors(problemErrors(error, locate)) },
    );
  }

  if (created) {
    return (
      <>
        <PageTitle title="Webhook added" />
        <h1 className="govuk-heading-l">Webhook added</h1>
        <SecretPanel secret={created.secret} heading={`Events will be sent to ${created.subscription.url}`} />
        <p className="govuk-body">
          <Link to={`/admin/webhooks/${created.subscription.id}`}>Go to the webhook</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle title="Add a webhook" error={errors.summary.length > 0} />
      <BackLink to="/admin/webhooks">Webhooks</BackLink>
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Add a webhook</h1>
      <p className="govuk-body">
        From now on, each event your council&apos;s people may read is sent to the address as it happens. A delivery that
        fails is tried again for three days; then the webhook is paused and its owner told by email.
      </p>
      <form onSubmit={submit} noValidate>
        <Fields draft={draft} setDraft={setDraft} errors={errors} creating />
        <button type="submit" className="govuk-button" disabled={create.isPending}>
          Add webhook
        </button>
      </form>
    </>
  );
}

const DELIVERY_STATES: Record<string, { label: string; colour: 'green' | 'yellow' | 'red' | 'grey' }> = {
  delivered: { label: 'Delivered', colour: 'green' },
  pending: { label: 'Waiting to try again', colour: 'yellow' },
  failed: { label: 'Failed', colour: 'red' },
};

function DeliveryRow({ delivery, subscriptionId, active }: { delivery: WebhookDelivery; subscriptionId: string; active: boolean }) {
  const redeliver = useRedeliver(subscriptionId);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const state = DELIVERY_STATES[delivery.state] ?? { label: delivery.state, colour: 'grey' as const };
  return (
    <tr className="govuk-table__row">
      <th scope="row" className="govuk-table__header">
        {delivery.event_type}
        <span className="govuk-body-s app-secondary-text app-block">{formatInstant(delivery.created_at)}</span>
      </th>
      <td className="govuk-table__cell">
        <Tag colour={state.colour}>{state.label}</Tag>
      </td>
      <td className="govuk-table__cell">
        {delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'}
        {delivery.last_attempt_at ? (
          <span className="govuk-body-s app-secondary-text app-block">
            Last {formatInstant(delivery.last_attempt_at)}
            {delivery.last_status ? `: ${delivery.last_status}` : ''}
            {delivery.last_latency_ms !== null && delivery.last_latency_ms !== undefined ? ` in ${delivery.last_latency_ms} ms` : ''}
          </span>
        ) : null}
        {delivery.last_error ? <span className="govuk-body-s app-block">{delivery.last_error}</span> : null}
      </td>
      <td className="govuk-table__cell">
        {active ? (
          <button
            type="button"
            className="govuk-link app-link-button"
            aria-disabled={redeliver.isPending || undefined}
            onClick={() => {
              if (redeliver.isPending) return;
              setMessage(null);
              redeliver.mutate(delivery.id, {
                onSuccess: () => setMessage({ text: 'Sent again.', error: false }),
                onError: (error) =>
                  setMessage({
                    text: problemErrors(error, () => undefined).summary[0]?.text ?? 'It could not be sent again.',
                    error: true,
                  }),
              });
            }}
          >
            Send again{' '}<span className="govuk-visually-hidden">the {delivery.event_type} event of {formatInstant(delivery.created_at)}</span>
          </button>
        ) : null}
        <span className={`govuk-body-s app-block${message?.error ? ' govuk-error-message' : ''}`} role="status">
          {message?.text ?? ''}
        </span>
      </td>
    </tr>
  );
}

function Deliveries({ subscription }: { subscription: WebhookSubscription }) {
  const [params] = useSearchParams();
  const cursor = params.get('deliveries');
  const deliveries = useDeliveries(subscription.id, cursor);
  const base = `/admin/webhooks/${subscription.id}`;
  const page = (c: string | null) => `${base}${c ? `?deliveries=${encodeURIComponent(c)}` : ''}#deliveries`;
  return (
    <ListState query={deliveries} what="the deliveries" firstPage={page(null)} empty="Nothing has been sent yet.">
      {(items) => (
        <>
          <ScrollTable label="Deliveries">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">Deliveries{cursor ? ' (continued)' : ''}, newest first</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Event
                  </th>
                  <th scope="col" className="govuk-table__header">
                    State
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Attempts
                  </th>
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {items.map((d) => (
                  <DeliveryRow key={d.id} delivery={d} subscriptionId={subscription.id} active={subscription.status === 'active'} />
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <NextPage next={deliveries.data?.next_cursor ? page(deliveries.data.next_cursor) : null} first={cursor ? page(null) : null} />
        </>
      )}
    </ListState>
  );
}

function conflictText(what: string) {
  return {
    fields: {},
    summary: [{ text: `Someone else changed this webhook after you opened it. Check its details, which now show their change, then ${what} again.` }],
  };
}

/** One subscription: its details and delivery log; change it, pause or enable it, replace its secret, remove it. */
export function WebhookDetail({ subscription, onReload }: { subscription: WebhookSubscription; onReload: () => Promise<unknown> }) {
  const edit = useEditDraft<WebhookSubscription, Draft>(subscription, draftOf, BLANK);
  const { draft, setDraft } = edit;
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [stepErrors, setStepErrors] = useState<FormErrors>(NO_ERRORS);
  const update = useUpdateWebhook(subscription.id);
  const rotate = useRotateWebhookSecret(subscription.id);
  const active = subscription.status === 'active';

  function save(version: number) {
    setSaved(null);
    const found = draft.url.trim() ? [] : [{ id: 'url', text: 'Address: enter the address to send events to' }];
    if (!draft.owner_email.trim()) found.push({ id: 'owner_email', text: 'Who to tell when deliveries fail: enter an email address' });
    setErrors(clientErrors(found));
    if (found.length > 0) return;
    const from = edit.base ?? subscription;
    const clean = { url: draft.url.trim(), description: orNull(draft.description), owner_email: draft.owner_email.trim() };
    const body: Record<string, unknown> = changedFields(
      { url: from.url, description: from.description ?? null, owner_email: from.owner_email },
      clean,
    );
    const typesNow = typeList(draft.event_types);
    if (JSON.stringify(typesNow) !== JSON.stringify(from.event_types)) body.event_types = typesNow;
    if (Object.keys(body).length === 0) return;
    update.mutate(
      { version, body },
      {
        onSuccess: (w) => {
          edit.saved(w);
          setSaved('The webhook has been saved');
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            setErrors(NO_ERRORS);
            edit.startConflict();
            void onReload();
            return;
          }
          setErrors(problemErrors(error, locate));
        },
      },
    );
  }

  const stepError = (what: string) => (error: unknown) => {
    if (error instanceof ApiError && error.status === 412) {
      void onReload();
      setStepErrors(conflictText(what));
      return;
    }
    setStepErrors(problemErrors(error, () => undefined));
  };

  return (
    <>
      <PageTitle title={`Webhook to ${subscription.url}`} />
      <BackLink to="/admin/webhooks">Webhooks</BackLink>
      {saved ? <NotificationBanner kind="success" heading={saved} /> : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">Webhook</span>
        <span className="app-break-anywhere">{subscription.url}</span>
      </h1>
      {active ? null : (
        // Why nothing is being sent, first: a delivery that kept failing or its owner's pause.
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Nothing is being sent to this address. {subscription.disabled_reason ?? ''}
          </strong>
        </div>
      )}
      <SummaryList
        rows={[
          { key: 'Description', value: subscription.description },
          { key: 'Events', value: types(subscription) },
          { key: 'Status', value: <StatusTag subscription={subscription} /> },
          { key: 'Paused because', value: subscription.disabled_reason },
          { key: 'Paused', value: subscription.disabled_at ? formatInstant(subscription.disabled_at) : null },
          { key: 'Told when deliveries fail', value: subscription.owner_email },
          {
            key: 'Previous secret signs too until',
            value: subscription.previous_secret_expires_at ? formatInstant(subscription.previous_secret_expires_at) : null,
          },
          { key: 'Added', value: formatInstant(subscription.created_at) },
        ]}
      />

      <ErrorSummary errors={stepErrors.summary} />
      <h2 className="govuk-heading-m">{active ? 'Pause it' : 'Start it again'}</h2>
      <p className="govuk-body">
        {active
          ? 'Nothing is sent while it is paused. Events that happen meanwhile are not sent later: the receiving system can read them from the event feed.'
          : 'Events are sent again from now on. What happened while it was paused is not sent: the receiving system can read it from the event feed.'}
      </p>
      <button
        type="button"
        className={`govuk-button${active ? ' govuk-button--warning' : ''}`}
        disabled={update.isPending}
        onClick={() => {
          setStepErrors(NO_ERRORS);
          setSaved(null);
          update.mutate(
            { version: subscription.version, body: { status: active ? 'disabled' : 'active' } },
            {
              onSuccess: (w) => {
                edit.saved(w);
                setSaved(w.status === 'active' ? 'The webhook is active again' : 'The webhook is paused');
              },
              onError: stepError(active ? 'pause it' : 'start it'),
            },
          );
        }}
      >
        {active ? 'Pause the webhook' : 'Start the webhook again'}
      </button>

      <h2 className="govuk-heading-m">Signing secret</h2>
      {secret ? (
        <SecretPanel secret={secret} heading="The new signing secret" />
      ) : (
        <>
          <p className="govuk-body">
            A new secret signs every delivery from now on. For 24 hours the old one signs them too, so that the receiving
            system can switch without missing any.
          </p>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={rotate.isPending}
            onClick={() => {
              setStepErrors(NO_ERRORS);
              rotate.mutate(subscription.version, {
                onSuccess: (answer) => {
                  edit.saved(answer.subscription);
                  setSecret(answer.secret);
                },
                onError: stepError('make a new secret'),
              });
            }}
          >
            Make a new signing secret
          </button>
        </>
      )}

      <h2 className="govuk-heading-m">Change its details</h2>
      <ErrorSummary errors={errors.summary} />
      {edit.conflict ? (
        <ConflictBanner what="this webhook" ready={edit.latestReady} onKeepMine={() => save(edit.keepMine())} onTakeTheirs={edit.takeTheirs} />
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!update.isPending) save(edit.baseVersion);
        }}
        noValidate
      >
        <Fields draft={draft} setDraft={setDraft} errors={errors} creating={false} />
        <button type="submit" className="govuk-button" disabled={update.isPending}>
          Save changes
        </button>
      </form>

      <h2 className="govuk-heading-m" id="deliveries">
        Deliveries
      </h2>
      <Deliveries subscription={subscription} />

      <h2 className="govuk-heading-m">Remove it</h2>
      <p className="govuk-body">
        <Link to={`/admin/webhooks/${subscription.id}/remove`}>Remove this webhook</Link>
      </p>
    </>
  );
}

/** Removing a subscription and its delivery log, after asking. */
export function RemoveWebhookPage({ subscription }: { subscription: WebhookSubscription }) {
  const navigate = useNavigate();
  const remove = useRemoveWebhook(subscription.id);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const base = `/admin/webhooks/${subscription.id}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (remove.isPending) return;
    setErrors(NO_ERRORS);
    remove.mutate(subscription.version, {
      onSuccess: () => void navigate('/admin/webhooks'),
      onError: (error) => setErrors(error instanceof ApiError && error.status === 412 ? conflictText('remove it') : problemErrors(error, () => undefined)),
    });
  }
  return (
    <>
      <PageTitle title="Remove the webhook" error={errors.summary.length > 0} />
      <BackLink to={base}>The webhook</BackLink>
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">Remove the webhook to {subscription.url}?</h1>
      <p className="govuk-body">Nothing more is sent to it, and its delivery log is deleted. This cannot be undone.</p>
      <form onSubmit={submit} noValidate>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--warning" disabled={remove.isPending}>
            Remove webhook
          </button>
          <Link to={base}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
