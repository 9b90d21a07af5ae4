import type { Router } from '@koa/router';
import type { ContactService } from '../../../application/contact.service.js';
import type { MessageService } from '../../../application/message.service.js';
import { ContactInputSchema, MESSAGE_READ_ONLY, MessageStatusPatchSchema } from '../../schemas/message.schema.js';
import { rateLimitKey } from '../client-address.js';
import { requireAdmin } from '../middleware/auth.js';
import { sendPage } from '../pagination.js';
import { presentMessage } from '../presenters.js';
import { MessageListQuerySchema } from '../query.schema.js';
import { bodyOf, ifMatch, queryOf, sendResource } from '../request.js';

export function contactRoutes(router: Router, contact: ContactService): void {
  router.post('/contact', async (ctx) => {
    const body = await bodyOf(ctx, ContactInputSchema, MESSAGE_READ_ONLY);
    const receipt = await contact.submit(body, { rateLimitKey: rateLimitKey(ctx.ip), address: ctx.ip });
    ctx.status = 202;
    ctx.body = { data: { id: receipt.id, receivedAt: receipt.receivedAt } };
  });
}

/** The owner's inbox: every route needs the admin token. */
export function messageRoutes(router: Router, messages: MessageService): void {
  router.get('/messages', requireAdmin, async (ctx) => {
    sendPage(ctx, await messages.list(queryOf(ctx, MessageListQuerySchema)), presentMessage);
  });

  router.get('/messages/:id', requireAdmin, async (ctx) => {
    sendResource(ctx, 200, await messages.get(ctx.params.id!), presentMessage);
  });

  router.patch('/messages/:id', requireAdmin, async (ctx) => {
    const { status } = await bodyOf(ctx, MessageStatusPatchSchema, MESSAGE_READ_ONLY);
    sendResource(
      ctx,
      200,
      await messages.setStatus(ctx.params.id!, status, ifMatch(ctx, presentMessage)),
      presentMessage,
    );
  });

  router.delete('/messages/:id', requireAdmin, async (ctx) => {
    await messages.delete(ctx.params.id!, ifMatch(ctx, presentMessage));
    ctx.status = 204;
  });
}
