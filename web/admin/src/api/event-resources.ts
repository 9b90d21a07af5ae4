import type { Api, Schemas } from './client.js';
import { pageAsData, resultOf, type ListPage, type Result } from './results.js';

export type Webhook = Schemas['Webhook'];
export type WebhookWithSecret = Schemas['WebhookWithSecret'];
export type WebhookInput = Schemas['WebhookInput'];
export type WebhookPatch = Schemas['WebhookPatch'];
export type EventType = Webhook['events'][number];
export type Delivery = Schemas['Delivery'];
export type DeliveryStatus = Delivery['status'];
export type Notification = Schemas['Notification'];
/** A message read on its own: with the state of its email to the owner. */
export type InboxMessage = Schemas['InboxMessage'];

/** `If-Match` with the ETag last read. */
const ifMatch = (etag: string | undefined) => (etag ? { 'If-Match': etag } : {});

/**
 * The calls of the webhooks section and of a message's notification, in the
 * manner of `resources`: one function per operation, each answering a Result,
 * writes to an existing webhook sent with the ETag it was read with.
 */
export function eventResources(api: Api) {
  return {
    webhooks: {
      list: () => resultOf(api.GET('/api/v1/webhooks')),
      get: (id: string) => resultOf(api.GET('/api/v1/webhooks/{id}', { params: { path: { id } } })),
      /** The answer is the one time the secret is shown. */
      create: (body: WebhookInput): Promise<Result<WebhookWithSecret>> =>
        resultOf(api.POST('/api/v1/webhooks', { body })),
      patch: (id: string, body: WebhookPatch, etag: string | undefined) =>
        resultOf(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id }, header: ifMatch(etag) }, body })),
      delete: (id: string, etag: string | undefined) =>
        resultOf(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id }, header: ifMatch(etag) } })),
      /** The answer is the one time the new secret is shown. */
      rotateSecret: (id: string, etag: string | undefined): Promise<Result<WebhookWithSecret>> =>
        resultOf(api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id }, header: ifMatch(etag) } })),
      ping: (id: string) => resultOf(api.POST('/api/v1/webhooks/{id}/ping', { params: { path: { id } } })),
      deliveries: (id: string, status: DeliveryStatus | undefined, page: number): Promise<Result<ListPage<Delivery>>> =>
        resultOf(
          api
            .GET('/api/v1/webhooks/{id}/deliveries', {
              params: { path: { id }, query: { ...(status ? { status } : {}), page, limit: 20 } },
            })
            .then(pageAsData<Delivery>),
        ),
      redeliver: (id: string, deliveryId: string) =>
        resultOf(
          api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id, deliveryId } } }),
        ),
    },
    notifications: {
      /** Sends a message's email to the owner again (`409` when email is not configured). */
      notify: (messageId: string) =>
        resultOf(api.POST('/api/v1/messages/{id}/notify', { params: { path: { id: messageId } } })),
    },
  };
}
