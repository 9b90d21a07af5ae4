import type { ExperienceRepository } from '../../domain/experience/experience.repository.js';
import type { MessageRepository } from '../../domain/messages/message.repository.js';
import type { ProfileRepository } from '../../domain/profile/profile.repository.js';
import type { ProjectRepository } from '../../domain/projects/project.repository.js';
import type { SkillRepository } from '../../domain/skills/skill.repository.js';
import type { StorageHealth } from '../../domain/shared/storage-health.js';

/** One storage adapter's implementation of every repository port, opened and ready. */
export interface Storage extends StorageHealth {
  readonly profiles: ProfileRepository;
  readonly projects: ProjectRepository;
  readonly skills: SkillRepository;
  readonly experience: ExperienceRepository;
  readonly messages: MessageRepository;
}
