import type { Skill } from './skill.js';

export interface SkillRepository {
  listAll(): Promise<Skill[]>;
  findById(id: string): Promise<Skill | null>;
  /** Throws SkillNameTakenError when the name is taken within the category. */
  create(skill: Skill): Promise<void>;
  /** Conditional on the stored version, like ProjectRepository.update. */
  update(skill: Skill, expectedVersion: number): Promise<void>;
  delete(id: string, expectedVersion: number): Promise<void>;
}
