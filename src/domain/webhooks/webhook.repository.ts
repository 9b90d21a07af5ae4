import type { Webhook } from './webhook.js';

/** Webhooks are few: listed whole. Writes are conditional on the version read, as for the content. */
export interface WebhookRepository {
  /** Newest first (see newestWebhookFirst). */
  listAll(): Promise<Webhook[]>;
  findById(id: string): Promise<Webhook | null>;
  /** Resolves once the webhook is stored as durably as the content. */
  create(webhook: Webhook): Promise<void>;
  /** Replaces the webhook if its stored version is still `expectedVersion`; StaleWriteError otherwise (also when it is gone). */
  update(webhook: Webhook, expectedVersion: number): Promise<void>;
  /** Same condition as update. */
  delete(id: string, expectedVersion: number): Promise<void>;
}
