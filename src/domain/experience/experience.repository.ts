import type { DomainEvent } from '../events/event.js';
import type { Experience } from './experience.js';

export interface ExperienceRepository {
  listAll(): Promise<Experience[]>;
  findById(id: string): Promise<Experience | null>;
  /** Events as for ProjectRepository. */
  create(experience: Experience, events?: readonly DomainEvent[]): Promise<void>;
  /** Conditional on the stored version, like ProjectRepository.update. */
  update(experience: Experience, expectedVersion: number, events?: readonly DomainEvent[]): Promise<void>;
  delete(id: string, expectedVersion: number, events?: readonly DomainEvent[]): Promise<void>;
}
