import { ContactInputSchema, MESSAGE_READ_ONLY } from '../../schemas/message.schema.js';
import { rateLimitKey } from '../client-address.js';
import { CONTACT_RECEIPT } from '../representations.js';
import { receipt, route } from '../route.js';

export const CONTACT_ROUTES = [
  route({
    operationId: 'submitContactMessage',
    method: 'post',
    path: '/api/v1/contact',
    tag: 'Contact',
    summary: 'Send a message to the owner',
    description:
      'Public. `website` is a honeypot: when it is non-empty the answer is the same `202` but nothing is stored. Each client address may send a limited number of messages per window (`CONTACT_RATE_LIMIT` per `CONTACT_RATE_WINDOW`); the next gets `429` with `Retry-After`.',
    access: 'public',
    body: {
      schema: ContactInputSchema,
      readOnly: MESSAGE_READ_ONLY,
      example: {
        name: 'Grace Hopper',
        email: 'grace@example.com',
        subject: 'A project',
        message: 'Hello! Could we talk about a backend for my side project?',
      },
    },
    success: receipt(CONTACT_RECEIPT),
    errors: [429],
    storage: true,
    handle: ({ ctx, body }, { contact }) => contact.submit(body, rateLimitKey(ctx.ip)),
  }),
];
