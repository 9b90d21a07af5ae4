import type { Router } from '@koa/router';
import type { ProjectService } from '../../../application/project.service.js';
import { PROJECT_READ_ONLY, ProjectInputSchema, ProjectPatchSchema } from '../../schemas/project.schema.js';
import { requireAdmin, unauthorized } from '../middleware/auth.js';
import { sendPage } from '../pagination.js';
import { presentProject } from '../presenters.js';
import { ProjectListQuerySchema } from '../query.schema.js';
import { bodyOf, ifMatch, queryOf, sendResource } from '../request.js';

export function projectRoutes(router: Router, projects: ProjectService): void {
  router.get('/projects', async (ctx) => {
    // Checked before validation: without a token any status but `published` is a 401, even one that is not valid.
    const status = ctx.query.status;
    if (status !== undefined && status !== 'published' && !ctx.state.isAdmin)
      throw unauthorized('Listing drafts requires a valid admin token');
    const { tag, ...query } = queryOf(ctx, ProjectListQuerySchema);
    sendPage(ctx, await projects.list({ ...query, tags: tag }), presentProject);
  });

  router.get('/projects/:slug', async (ctx) => {
    sendResource(
      ctx,
      200,
      await projects.get(ctx.params.slug!, { includeDrafts: ctx.state.isAdmin as boolean }),
      presentProject,
    );
  });

  router.post('/projects', requireAdmin, async (ctx) => {
    const project = await projects.create(await bodyOf(ctx, ProjectInputSchema, PROJECT_READ_ONLY));
    ctx.set('Location', `/api/v1/projects/${project.slug}`);
    sendResource(ctx, 201, project, presentProject);
  });

  router.put('/projects/:slug', requireAdmin, async (ctx) => {
    const input = await bodyOf(ctx, ProjectInputSchema, PROJECT_READ_ONLY);
    sendResource(
      ctx,
      200,
      await projects.replace(ctx.params.slug!, input, ifMatch(ctx, presentProject)),
      presentProject,
    );
  });

  router.patch('/projects/:slug', requireAdmin, async (ctx) => {
    const patch = await bodyOf(ctx, ProjectPatchSchema, PROJECT_READ_ONLY);
    sendResource(ctx, 200, await projects.patch(ctx.params.slug!, patch, ifMatch(ctx, presentProject)), presentProject);
  });

  router.delete('/projects/:slug', requireAdmin, async (ctx) => {
    await projects.delete(ctx.params.slug!, ifMatch(ctx, presentProject));
    ctx.status = 204;
  });
}
