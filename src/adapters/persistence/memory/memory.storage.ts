import type { Storage } from '../../../domain/storage/storage.js';
import { EMPTY_CONTENT, type Content } from '../../../domain/storage/content.js';
import { MemoryContentStore } from './memory-content.store.js';
import { MemoryExperienceRepository } from './memory-experience.repository.js';
import { MemoryMessageRepository } from './memory-message.repository.js';
import { MemoryProfileRepository } from './memory-profile.repository.js';
import { MemoryProjectRepository } from './memory-project.repository.js';
import { MemorySkillRepository } from './memory-skill.repository.js';

/** Nothing survives the process: for tests and demos. */
export function openMemoryStorage(initial: Content = EMPTY_CONTENT): Storage {
  const store = new MemoryContentStore(initial);
  return {
    profiles: new MemoryProfileRepository(store),
    projects: new MemoryProjectRepository(store),
    skills: new MemorySkillRepository(store),
    experience: new MemoryExperienceRepository(store),
    messages: new MemoryMessageRepository(),
    ping: async () => {},
    close: async () => {},
  };
}
