import type { AttemptOutcome } from './delivery.js';
import type { DeliveryData, DeliveryType } from './event.js';

/** One signed POST to a webhook: the body is `{ type, timestamp, data }`, the `webhook-id` is `id`. */
export interface WebhookRequest {
  readonly url: string;
  readonly secret: string;
  readonly id: string;
  readonly type: DeliveryType;
  readonly timestamp: string;
  readonly data: DeliveryData;
  /** The `webhook-timestamp` of this attempt. */
  readonly attemptAt: Date;
}

/** Sends one attempt. Never rejects: a failure is an outcome (no status, an error) to retry. */
export interface WebhookSender {
  send(request: WebhookRequest, signal?: AbortSignal): Promise<AttemptOutcome>;
}
