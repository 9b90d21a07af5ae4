import type { DomainEvent } from '../../../domain/events/event.js';
import type { Experience } from '../../../domain/experience/experience.js';
import type { ExperienceRepository } from '../../../domain/experience/experience.repository.js';
import type { ContentStore } from './content-store.js';
import { assertVersion, removeById, replaceById } from './versions.js';

export class MemoryExperienceRepository implements ExperienceRepository {
  constructor(private readonly store: ContentStore) {}

  async listAll(): Promise<Experience[]> {
    return [...this.store.read().experience];
  }

  async findById(id: string): Promise<Experience | null> {
    return this.store.read().experience.find((role) => role.id === id) ?? null;
  }

  create(experience: Experience, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update(
      (state) => ({
        next: { ...state, experience: [...state.experience, experience] },
        result: undefined,
      }),
      events,
    );
  }

  update(experience: Experience, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update((state) => {
      assertVersion(
        state.experience.find((e) => e.id === experience.id),
        expectedVersion,
        'experience',
      );
      return { next: { ...state, experience: replaceById(state.experience, experience) }, result: undefined };
    }, events);
  }

  delete(id: string, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update((state) => {
      assertVersion(
        state.experience.find((e) => e.id === id),
        expectedVersion,
        'experience',
      );
      return { next: { ...state, experience: removeById(state.experience, id) }, result: undefined };
    }, events);
  }
}
