import type { Router } from '@koa/router';
import type { SkillService } from '../../../application/skill.service.js';
import { SKILL_READ_ONLY, SkillInputSchema, SkillPatchSchema } from '../../schemas/skill.schema.js';
import { requireAdmin } from '../middleware/auth.js';
import { presentSkill, presentSkillGroup } from '../presenters.js';
import { SkillListQuerySchema } from '../query.schema.js';
import { bodyOf, ifMatch, queryOf, sendResource } from '../request.js';

export function skillRoutes(router: Router, skills: SkillService): void {
  router.get('/skills', async (ctx) => {
    const { category } = queryOf(ctx, SkillListQuerySchema);
    ctx.body = { data: (await skills.listGrouped(category)).map(presentSkillGroup) };
  });

  router.get('/skills/:id', async (ctx) => {
    sendResource(ctx, 200, await skills.get(ctx.params.id!), presentSkill);
  });

  router.post('/skills', requireAdmin, async (ctx) => {
    const skill = await skills.create(await bodyOf(ctx, SkillInputSchema, SKILL_READ_ONLY));
    ctx.set('Location', `/api/v1/skills/${skill.id}`);
    sendResource(ctx, 201, skill, presentSkill);
  });

  router.put('/skills/:id', requireAdmin, async (ctx) => {
    const input = await bodyOf(ctx, SkillInputSchema, SKILL_READ_ONLY);
    sendResource(ctx, 200, await skills.replace(ctx.params.id!, input, ifMatch(ctx, presentSkill)), presentSkill);
  });

  router.patch('/skills/:id', requireAdmin, async (ctx) => {
    const patch = await bodyOf(ctx, SkillPatchSchema, SKILL_READ_ONLY);
    sendResource(ctx, 200, await skills.patch(ctx.params.id!, patch, ifMatch(ctx, presentSkill)), presentSkill);
  });

  router.delete('/skills/:id', requireAdmin, async (ctx) => {
    await skills.delete(ctx.params.id!, ifMatch(ctx, presentSkill));
    ctx.status = 204;
  });
}
