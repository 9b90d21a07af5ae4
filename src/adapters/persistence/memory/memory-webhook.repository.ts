import { newestWebhookFirst, type Webhook } from '../../../domain/webhooks/webhook.js';
import type { WebhookRepository } from '../../../domain/webhooks/webhook.repository.js';
import { SerialQueue } from './serial-queue.js';
import { assertVersion, removeById, replaceById } from './versions.js';

/**
 * Webhooks held in process. `onChange` sees every new list before a write
 * resolves: the file adapter stores it there, and a write it refuses changes
 * nothing.
 */
export class MemoryWebhookRepository implements WebhookRepository {
  private readonly queue = new SerialQueue();

  constructor(
    private webhooks: readonly Webhook[] = [],
    private readonly onChange: (next: readonly Webhook[]) => Promise<void> = async () => {},
  ) {}

  async listAll(): Promise<Webhook[]> {
    return [...this.webhooks].sort(newestWebhookFirst);
  }

  async findById(id: string): Promise<Webhook | null> {
    return this.webhooks.find((webhook) => webhook.id === id) ?? null;
  }

  create(webhook: Webhook): Promise<void> {
    return this.change((current) => [...current, webhook]);
  }

  update(webhook: Webhook, expectedVersion: number): Promise<void> {
    return this.change((current) => {
      assertVersion(
        current.find((w) => w.id === webhook.id),
        expectedVersion,
        'webhook',
      );
      return replaceById(current, webhook);
    });
  }

  delete(id: string, expectedVersion: number): Promise<void> {
    return this.change((current) => {
      assertVersion(
        current.find((w) => w.id === id),
        expectedVersion,
        'webhook',
      );
      return removeById(current, id);
    });
  }

  /** One change at a time, so that a version check and its write act as one. */
  private change(next: (current: readonly Webhook[]) => readonly Webhook[]): Promise<void> {
    return this.queue.run(async () => {
      const list = next(this.webhooks);
      await this.onChange(list);
      this.webhooks = list;
    });
  }
}
