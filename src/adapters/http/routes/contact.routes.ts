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
      "Public. `website` is a honeypot: when it is non-empty the answer is the same `202` but nothing is stored. Each client address may send a limited number of messages per window (`CONTACT_RATE_LIMIT` per `CONTACT_RATE_WINDOW`); the next gets `429` with `Retry-After`.\n\nWhen the human check is on (`CAPTCHA_PROVIDER`: Cloudflare Turnstile or hCaptcha), a message must carry the widget's answer in `captchaToken`. The service asks the provider once, with the client's address: a missing, invalid, expired or already used token is `400` `captcha-failed` and nothing is stored; a provider that does not answer within 5 seconds, or answers with an error, is `503` with `Retry-After` and nothing is stored. Every submission that passes validation, refused or not, counts against the limit.",
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
    handle: ({ ctx, body }, { contact }) =>
      contact.submit(body, { rateLimitKey: rateLimitKey(ctx.ip), address: ctx.ip }),
  }),
];
