import type { Router } from '@koa/router';
import type { ProfileService } from '../../../application/profile.service.js';
import { PROFILE_READ_ONLY, ProfileInputSchema } from '../../schemas/profile.schema.js';
import { requireAdmin } from '../middleware/auth.js';
import { presentProfile } from '../presenters.js';
import { bodyOf, ifMatch, sendResource } from '../request.js';

export function profileRoutes(router: Router, profile: ProfileService): void {
  router.get('/profile', async (ctx) => {
    sendResource(ctx, 200, await profile.get(), presentProfile);
  });

  router.put('/profile', requireAdmin, async (ctx) => {
    const input = await bodyOf(ctx, ProfileInputSchema, PROFILE_READ_ONLY);
    sendResource(ctx, 200, await profile.replace(input, ifMatch(ctx, presentProfile)), presentProfile);
  });
}
