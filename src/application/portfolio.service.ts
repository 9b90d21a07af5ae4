import type { Experience } from '../domain/experience/experience.js';
import type { Profile } from '../domain/profile/profile.js';
import type { Project } from '../domain/projects/project.js';
import type { SkillGroup } from '../domain/skills/skill.js';
import type { ExperienceService } from './experience.service.js';
import type { ProfileService } from './profile.service.js';
import type { ProjectService } from './project.service.js';
import type { SkillService } from './skill.service.js';
import { NotFoundError } from '../domain/shared/errors.js';

export interface Portfolio {
  /** `null` until the owner has set up a profile. */
  readonly profile: Profile | null;
  readonly projects: readonly Project[];
  readonly skills: readonly SkillGroup[];
  readonly experience: readonly Experience[];
}

/** Everything a static-site build needs, in one read. */
export class PortfolioService {
  constructor(
    private readonly profile: ProfileService,
    private readonly projects: ProjectService,
    private readonly skills: SkillService,
    private readonly experience: ExperienceService,
  ) {}

  async get(): Promise<Portfolio> {
    const [profile, projects, skills, experience] = await Promise.all([
      this.profile.get().catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      }),
      this.projects.listPublished(),
      this.skills.listGrouped(),
      this.experience.list(),
    ]);
    return { profile, projects, skills, experience };
  }
}
