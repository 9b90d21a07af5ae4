import type { DomainEvent } from '../../../domain/events/event.js';
import { SkillNameTakenError } from '../../../domain/shared/errors.js';
import { sameSkillName, type Skill } from '../../../domain/skills/skill.js';
import type { SkillRepository } from '../../../domain/skills/skill.repository.js';
import type { Content } from '../../../domain/storage/content.js';
import type { ContentStore } from './content-store.js';
import { assertVersion, removeById, replaceById } from './versions.js';

export class MemorySkillRepository implements SkillRepository {
  constructor(private readonly store: ContentStore) {}

  async listAll(): Promise<Skill[]> {
    return [...this.store.read().skills];
  }

  async findById(id: string): Promise<Skill | null> {
    return this.store.read().skills.find((skill) => skill.id === id) ?? null;
  }

  create(skill: Skill, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update((state) => {
      assertNameFree(state, skill);
      return { next: { ...state, skills: [...state.skills, skill] }, result: undefined };
    }, events);
  }

  update(skill: Skill, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update((state) => {
      assertVersion(
        state.skills.find((s) => s.id === skill.id),
        expectedVersion,
        'skill',
      );
      assertNameFree(state, skill);
      return { next: { ...state, skills: replaceById(state.skills, skill) }, result: undefined };
    }, events);
  }

  delete(id: string, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update((state) => {
      assertVersion(
        state.skills.find((s) => s.id === id),
        expectedVersion,
        'skill',
      );
      return { next: { ...state, skills: removeById(state.skills, id) }, result: undefined };
    }, events);
  }
}

function assertNameFree(state: Content, skill: Skill): void {
  if (state.skills.some((other) => other.id !== skill.id && sameSkillName(other, skill))) {
    throw new SkillNameTakenError(skill.name, skill.category);
  }
}
