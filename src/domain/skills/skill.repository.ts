import type { DomainEvent } from '../events/event.js';
import type { Skill } from './skill.js';

export interface SkillRepository {
  listAll(): Promise<Skill[]>;
  findById(id: string): Promise<Skill | null>;
  /** Throws SkillNameTakenError when the name is taken within the category. Events as for ProjectRepository. */
  create(skill: Skill, events?: readonly DomainEvent[]): Promise<void>;
  /** Conditional on the stored version, like ProjectRepository.update. */
  update(skill: Skill, expectedVersion: number, events?: readonly DomainEvent[]): Promise<void>;
  delete(id: string, expectedVersion: number, events?: readonly DomainEvent[]): Promise<void>;
}
