import type { Experience } from './experience.js';

export interface ExperienceRepository {
  listAll(): Promise<Experience[]>;
  findById(id: string): Promise<Experience | null>;
  create(experience: Experience): Promise<void>;
  /** Conditional on the stored version, like ProjectRepository.update. */
  update(experience: Experience, expectedVersion: number): Promise<void>;
  delete(id: string, expectedVersion: number): Promise<void>;
}
