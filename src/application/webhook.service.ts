import { NotFoundError, RuleViolationError } from '../domain/shared/errors.js';
import type { Clock } from '../domain/shared/clock.js';
import type { IdGenerator } from '../domain/shared/id-generator.js';
import { offsetOf, toPage, type Page, type PageRequest } from '../domain/shared/page.js';
import type { Precondition } from '../domain/shared/precondition.js';
import { newDelivery, type Delivery, type DeliveryStatus } from '../domain/events/delivery.js';
import { PING } from '../domain/events/event.js';
import type { Outbox } from '../domain/events/outbox.js';
import type { SecretGenerator } from '../domain/webhooks/secret-generator.js';
import {
  assertWebhookRules,
  withoutSecret,
  type PublicWebhook,
  type Webhook,
  type WebhookInput,
  type WebhookPatch,
} from '../domain/webhooks/webhook.js';
import type { WebhookUrlPolicy } from '../domain/webhooks/webhook-url-policy.js';
import type { WebhookRepository } from '../domain/webhooks/webhook.repository.js';
import { ConditionalWriter } from './conditional-write.js';
import type { DeliveryTrigger } from './delivery-trigger.js';
import { withoutUndefined } from './without-undefined.js';

export interface DeliveryListRequest extends PageRequest {
  readonly status?: DeliveryStatus;
}

export interface WebhookServicePorts {
  readonly webhooks: WebhookRepository;
  readonly outbox: Outbox;
  readonly urlPolicy: WebhookUrlPolicy;
  readonly secrets: SecretGenerator;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly trigger: DeliveryTrigger;
}

/**
 * The owner's webhooks. A secret leaves this service only in the answers to
 * create and rotate-secret; every read gives the webhook without it.
 */
export class WebhookService {
  private readonly writes = new ConditionalWriter();

  constructor(private readonly ports: WebhookServicePorts) {}

  async list(): Promise<PublicWebhook[]> {
    return (await this.ports.webhooks.listAll()).map(withoutSecret);
  }

  async get(id: string): Promise<PublicWebhook> {
    return withoutSecret(await this.load(id));
  }

  /** The new webhook with its secret, shown this once. */
  async create(input: WebhookInput): Promise<Webhook> {
    await this.assertUrlAllowed(input.url);
    const now = this.ports.clock.now().toISOString();
    const webhook: Webhook = {
      id: this.ports.ids.next(),
      url: input.url,
      events: [...input.events],
      ...(input.description !== undefined && { description: input.description }),
      debounceSeconds: input.debounceSeconds ?? 0,
      active: input.active ?? true,
      secret: this.ports.secrets.next(),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    assertWebhookRules(webhook);
    await this.ports.webhooks.create(webhook);
    return webhook;
  }

  async patch(id: string, patch: WebhookPatch, precondition?: Precondition<PublicWebhook>): Promise<PublicWebhook> {
    if (patch.url !== undefined) await this.assertUrlAllowed(patch.url);
    const { description, ...rest } = patch;
    const changed = await this.modify(id, precondition, (current) => {
      const { description: _old, ...kept } = current;
      const next = { ...kept, ...withoutUndefined(rest) };
      const text = description === undefined ? current.description : (description ?? undefined);
      return text === undefined ? next : { ...next, description: text };
    });
    return withoutSecret(changed);
  }

  /** The webhook with its new secret, shown this once; the old one signs nothing more. */
  rotateSecret(id: string, precondition?: Precondition<PublicWebhook>): Promise<Webhook> {
    return this.modify(id, precondition, (current) => ({ ...current, secret: this.ports.secrets.next() }));
  }

  async delete(id: string, precondition?: Precondition<PublicWebhook>): Promise<void> {
    await this.writes.write({
      resource: 'webhook',
      key: id,
      load: () => this.load(id),
      precondition: precondition && ((current: Webhook) => precondition(withoutSecret(current))),
      write: (current, version) => this.ports.webhooks.delete(current.id, version),
    });
    await this.ports.outbox.discardDeliveriesOf(id);
  }

  async deliveries(id: string, request: DeliveryListRequest): Promise<Page<Delivery>> {
    await this.load(id);
    const slice = await this.ports.outbox.listDeliveries(id, {
      ...(request.status !== undefined && { status: request.status }),
      offset: offsetOf(request),
      limit: request.limit,
    });
    return toPage(slice, request);
  }

  /** Sends a delivered or failed delivery again, with the same webhook-id; a pending one goes now. */
  async redeliver(id: string, deliveryId: string): Promise<Delivery> {
    await this.load(id);
    const delivery = await this.ports.outbox.findDelivery(deliveryId);
    if (!delivery || delivery.target.kind !== 'webhook' || delivery.target.webhookId !== id) {
      throw new NotFoundError('Delivery', deliveryId);
    }
    const again = await this.ports.outbox.redeliver(deliveryId, this.ports.clock.now());
    if (!again) throw new NotFoundError('Delivery', deliveryId);
    this.ports.trigger.wake();
    return again;
  }

  /** A webhook.ping to this webhook alone; an inactive webhook gets it once it is active again. */
  async ping(id: string): Promise<Delivery> {
    const webhook = await this.load(id);
    const now = this.ports.clock.now().toISOString();
    const delivery = newDelivery({
      id: this.ports.ids.next(),
      target: { kind: 'webhook', webhookId: webhook.id },
      event: { id: this.ports.ids.next(), type: PING },
      timestamp: now,
      data: { webhookId: webhook.id },
      createdAt: now,
      dueAt: now,
    });
    await this.ports.outbox.enqueue(delivery);
    this.ports.trigger.wake();
    return delivery;
  }

  private async load(id: string): Promise<Webhook> {
    const webhook = await this.ports.webhooks.findById(id);
    if (!webhook) throw new NotFoundError('Webhook', id);
    return webhook;
  }

  private modify(
    id: string,
    precondition: Precondition<PublicWebhook> | undefined,
    change: (current: Webhook) => Webhook,
  ): Promise<Webhook> {
    return this.writes.write({
      resource: 'webhook',
      key: id,
      load: () => this.load(id),
      precondition: precondition && ((current: Webhook) => precondition(withoutSecret(current))),
      write: async (current, version) => {
        const next: Webhook = {
          ...change(current),
          id: current.id,
          createdAt: current.createdAt,
          updatedAt: this.ports.clock.now().toISOString(),
          version: version + 1,
        };
        assertWebhookRules(next);
        await this.ports.webhooks.update(next, version);
        return next;
      },
    });
  }

  private async assertUrlAllowed(url: string): Promise<void> {
    const refusal = await this.ports.urlPolicy.refusalOf(url);
    if (refusal !== null) throw new RuleViolationError([{ path: 'url', message: refusal }]);
  }
}
