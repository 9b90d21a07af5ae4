import type { Router } from '@koa/router';
import type { ExperienceService } from '../../../application/experience.service.js';
import { EXPERIENCE_READ_ONLY, ExperienceInputSchema, ExperiencePatchSchema } from '../../schemas/experience.schema.js';
import { requireAdmin } from '../middleware/auth.js';
import { presentExperience } from '../presenters.js';
import { bodyOf, ifMatch, sendResource } from '../request.js';

export function experienceRoutes(router: Router, experience: ExperienceService): void {
  router.get('/experience', async (ctx) => {
    ctx.body = { data: (await experience.list()).map(presentExperience) };
  });

  router.get('/experience/:id', async (ctx) => {
    sendResource(ctx, 200, await experience.get(ctx.params.id!), presentExperience);
  });

  router.post('/experience', requireAdmin, async (ctx) => {
    const role = await experience.create(await bodyOf(ctx, ExperienceInputSchema, EXPERIENCE_READ_ONLY));
    ctx.set('Location', `/api/v1/experience/${role.id}`);
    sendResource(ctx, 201, role, presentExperience);
  });

  router.put('/experience/:id', requireAdmin, async (ctx) => {
    const input = await bodyOf(ctx, ExperienceInputSchema, EXPERIENCE_READ_ONLY);
    sendResource(
      ctx,
      200,
      await experience.replace(ctx.params.id!, input, ifMatch(ctx, presentExperience)),
      presentExperience,
    );
  });

  router.patch('/experience/:id', requireAdmin, async (ctx) => {
    const patch = await bodyOf(ctx, ExperiencePatchSchema, EXPERIENCE_READ_ONLY);
    sendResource(
      ctx,
      200,
      await experience.patch(ctx.params.id!, patch, ifMatch(ctx, presentExperience)),
      presentExperience,
    );
  });

  router.delete('/experience/:id', requireAdmin, async (ctx) => {
    await experience.delete(ctx.params.id!, ifMatch(ctx, presentExperience));
    ctx.status = 204;
  });
}
