import { MemoryOutbox } from '../../../../src/adapters/persistence/memory/memory-outbox.js';
import { MemoryWebhookRepository } from '../../../../src/adapters/persistence/memory/memory-webhook.repository.js';
import { describeOutboxContract } from '../contract/outbox.contract.js';
import { describeWebhookRepositoryContract } from '../contract/webhook.contract.js';

describeOutboxContract('memory', async () => ({ outbox: new MemoryOutbox(), close: async () => {} }));
describeWebhookRepositoryContract('memory', async () => ({
  webhooks: new MemoryWebhookRepository(),
  close: async () => {},
}));
