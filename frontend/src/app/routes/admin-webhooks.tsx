import { RequireAdmin } from '@/features/admin/components/require-admin';
import { WebhooksList } from '@/features/admin/components/webhooks';

export default function AdminWebhooksRoute() {
  return <RequireAdmin allow={(a) => a.webhooks}>{() => <WebhooksList />}</RequireAdmin>;
}
