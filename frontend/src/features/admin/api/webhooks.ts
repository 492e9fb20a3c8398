// Webhook subscriptions: other systems told of the council's changes as they happen, each
// delivery signed with the subscription's secret (shown once), and the log of those deliveries.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, isProblem, unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import type { CreateWebhookSubscription, UpdateWebhookSubscription, WebhookSubscriptionWithSecret } from '@/api/types';
import { adminKeys, etagOf } from './keys';

export type WebhooksQuery = NonNullable<paths['/api/v1/webhook-subscriptions']['get']['parameters']['query']>;

export function useWebhooks(query: WebhooksQuery) {
  return useQuery({
    queryKey: adminKeys.webhookList(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/webhook-subscriptions', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useWebhook(id: string) {
  return useQuery({
    queryKey: adminKeys.webhook(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/webhook-subscriptions/{id}', { params: { path: { id } }, signal })),
    enabled: id !== '',
  });
}

/** One page of the subscription's deliveries, newest first. */
export function useDeliveries(id: string, cursor: string | null) {
  return useQuery({
    queryKey: adminKeys.deliveries(id, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/webhook-subscriptions/{id}/deliveries', {
          params: { path: { id }, query: cursor ? { limit: 20, cursor } : { limit: 20 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: id !== '',
  });
}

/** The answer holds the signing secret: it is never cached, only handed to the caller. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookSubscription) =>
      unwrap(
        api.POST('/api/v1/webhook-subscriptions', {
          headers: { 'Idempotency-Key': crypto.randomUUID() },
          body,
        }),
      ),
    onSuccess: ({ subscription }: WebhookSubscriptionWithSecret) => {
      queryClient.setQueryData(adminKeys.webhook(subscription.id), subscription);
      void queryClient.invalidateQueries({ queryKey: adminKeys.webhooks });
    },
  });
}

/** Changes the address, event types, description or owner, or pauses or enables it again. */
export function useUpdateWebhook(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateWebhookSubscription }) =>
      unwrap(
        api.PATCH('/api/v1/webhook-subscriptions/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          body,
        }),
      ),
    onSuccess: (subscription) => {
      queryClient.setQueryData(adminKeys.webhook(id), subscription);
      void queryClient.invalidateQueries({ queryKey: adminKeys.webhooks });
    },
  });
}

/** A new signing secret; for 24 hours deliveries are signed with both. */
export function useRotateWebhookSecret(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/webhook-subscriptions/{id}/secret-rotation', {
          params: { path: { id }, header: { 'If-Match': etagOf(version) } },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: ({ subscription }: WebhookSubscriptionWithSecret) => {
      queryClient.setQueryData(adminKeys.webhook(id), subscription);
      void queryClient.invalidateQueries({ queryKey: adminKeys.webhooks });
    },
  });
}

/** Removes the subscription and its delivery log. */
export function useRemoveWebhook(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (version: number) => {
      const { error, response } = await api.DELETE('/api/v1/webhook-subscriptions/{id}', {
        params: { path: { id }, header: { 'If-Match': etagOf(version) } },
      });
      if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: adminKeys.webhook(id), exact: true });
      void queryClient.invalidateQueries({ queryKey: [...adminKeys.webhooks, 'list'] });
    },
  });
}

/** Sends a delivery again now, with three more days of retries. */
export function useRedeliver(subscriptionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/v1/webhook-deliveries/{id}/redelivery', {
          params: { path: { id: deliveryId } },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: [...adminKeys.webhook(subscriptionId), 'deliveries'] }),
  });
}
