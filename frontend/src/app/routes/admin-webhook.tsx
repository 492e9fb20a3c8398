import { useParams } from 'react-router';
import { isNotFound } from '@/api/problem';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useWebhook } from '@/features/admin/api/webhooks';
import { RequireAdmin } from '@/features/admin/components/require-admin';
import { RemoveWebhookPage, WebhookDetail } from '@/features/admin/components/webhooks';
import { NotFound } from './not-found';

function Webhook({ id, remove }: { id: string; remove: boolean }) {
  const webhook = useWebhook(id);
  if (webhook.isPending) return <Loading label="Loading the webhook" />;
  if (webhook.isError) {
    return isNotFound(webhook.error) ? <NotFound /> : <QueryError error={webhook.error} what="the webhook" />;
  }
  if (remove) return <RemoveWebhookPage subscription={webhook.data} />;
  return <WebhookDetail key={webhook.data.id} subscription={webhook.data} onReload={() => webhook.refetch()} />;
}

/** `/admin/webhooks/:id`, and `/admin/webhooks/:id/remove` to remove it. */
export default function AdminWebhookRoute({ remove = false }: { remove?: boolean }) {
  const { webhookId = '' } = useParams();
  return <RequireAdmin allow={(a) => a.webhooks}>{() => <Webhook id={webhookId} remove={remove} />}</RequireAdmin>;
}
