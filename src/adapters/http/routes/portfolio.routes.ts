import type { Router } from '@koa/router';
import type { PortfolioService } from '../../../application/portfolio.service.js';
import type { ProjectService } from '../../../application/project.service.js';
import { presentExperience, presentProfile, presentProject, presentSkill } from '../presenters.js';
import { fragmentOf, JsonBody, renderJson } from '../representation.js';

export function portfolioRoutes(router: Router, portfolio: PortfolioService, projects: ProjectService): void {
  /**
   * `{ data: { profile, projects, skills: [{ category, skills }], experience } }`,
   * written from the entities' cached JSON; the counts in `parts` keep its shape.
   */
  router.get('/portfolio', async (ctx) => {
    const { profile, projects: published, skills, experience } = await portfolio.get();
    const parts: unknown[] = [profile, published.length, ...published, skills.length];
    for (const group of skills) parts.push(group.category, group.skills.length, ...group.skills);
    parts.push(experience.length, ...experience);
    ctx.body = new JsonBody(
      () => {
        const groups = skills.map(
          (group) =>
            `{"category":${JSON.stringify(group.category)},"skills":[${group.skills.map((s) => fragmentOf(s, presentSkill)).join(',')}]}`,
        );
        return renderJson(
          `{"data":{"profile":${profile ? fragmentOf(profile, presentProfile) : 'null'},` +
            `"projects":[${published.map((p) => fragmentOf(p, presentProject)).join(',')}],` +
            `"skills":[${groups.join(',')}],` +
            `"experience":[${experience.map((e) => fragmentOf(e, presentExperience)).join(',')}]}}`,
        );
      },
      ctx.url,
      parts,
    );
  });

  router.get('/tags', async (ctx) => {
    ctx.body = { data: await projects.tags() };
  });
}
