import type { Router } from '@koa/router';
import type { PortfolioService } from '../../../application/portfolio.service.js';
import type { ProjectService } from '../../../application/project.service.js';
import { presentExperience, presentProfile, presentProject, presentSkillGroup } from '../presenters.js';

export function portfolioRoutes(router: Router, portfolio: PortfolioService, projects: ProjectService): void {
  router.get('/portfolio', async (ctx) => {
    const { profile, projects: published, skills, experience } = await portfolio.get();
    ctx.body = {
      data: {
        profile: profile && presentProfile(profile),
        projects: published.map(presentProject),
        skills: skills.map(presentSkillGroup),
        experience: experience.map(presentExperience),
      },
    };
  });

  router.get('/tags', async (ctx) => {
    ctx.body = { data: await projects.tags() };
  });
}
