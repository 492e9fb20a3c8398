import { RequireAdmin } from '@/features/admin/components/require-admin';
import { NewWebhook } from '@/features/admin/components/webhooks';

export default function AdminWebhookNewRoute() {
  return <RequireAdmin allow={(a) => a.webhooks}>{() => <NewWebhook />}</RequireAdmin>;
}
