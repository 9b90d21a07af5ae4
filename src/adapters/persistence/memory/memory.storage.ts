import type { Storage } from '../../../domain/storage/storage.js';
import { EMPTY_CONTENT, type Content } from '../../../domain/storage/content.js';
import type { DomainEvent } from '../../../domain/events/event.js';
import { MemoryContentStore } from './memory-content.store.js';
import { MemoryExperienceRepository } from './memory-experience.repository.js';
import { MemoryMessageRepository } from './memory-message.repository.js';
import { MemoryProfileRepository } from './memory-profile.repository.js';
import { MemoryProjectRepository } from './memory-project.repository.js';
import { MemoryOutbox } from './memory-outbox.js';
import { MemorySkillRepository } from './memory-skill.repository.js';
import { MemoryWebhookRepository } from './memory-webhook.repository.js';
import { MessageIndex } from './message-index.js';
import { OutboxState } from './outbox-state.js';

/** Nothing survives the process: for tests and demos. */
export function openMemoryStorage(initial: Content = EMPTY_CONTENT): Storage {
  const outbox = new OutboxState();
  const record = (events: readonly DomainEvent[]) => outbox.apply({ op: 'record', events });
  const store = new MemoryContentStore(initial, record);
  return {
    profiles: new MemoryProfileRepository(store),
    projects: new MemoryProjectRepository(store),
    skills: new MemorySkillRepository(store),
    experience: new MemoryExperienceRepository(store),
    messages: new MemoryMessageRepository(new MessageIndex(), record),
    webhooks: new MemoryWebhookRepository(),
    outbox: new MemoryOutbox(outbox),
    ping: async () => {},
    refusesWrites: () => false,
    close: async () => {},
  };
}
