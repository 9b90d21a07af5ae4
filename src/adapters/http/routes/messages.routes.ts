import { MESSAGE_READ_ONLY, MessageStatusPatchSchema } from '../../schemas/message.schema.js';
import { MessageListQuerySchema } from '../query.schema.js';
import { INBOX_MESSAGE, MESSAGE, NOTIFICATION } from '../representations.js';
import { NO_CONTENT, page, receipt, resource, route } from '../route.js';
import { idParameter, PAGING_DESCRIPTIONS } from './examples.js';

const byId = { id: idParameter('message', '01JD8Y3M9X0000000000000001') };

/** The owner's inbox: every route needs the admin token. */
export const MESSAGE_ROUTES = [
  route({
    operationId: 'listMessages',
    method: 'get',
    path: '/api/v1/messages',
    tag: 'Messages',
    summary: 'List messages',
    description: 'Newest first.',
    access: 'admin',
    query: MessageListQuerySchema,
    queryDescriptions: { status: 'Only messages with this status.', ...PAGING_DESCRIPTIONS },
    success: page(MESSAGE),
    errors: [],
    storage: true,
    handle: ({ query }, { messages }) => messages.list(query),
  }),
  route({
    operationId: 'getMessage',
    method: 'get',
    path: '/api/v1/messages/{id}',
    tag: 'Messages',
    summary: 'Read a message',
    description:
      'With `notification`, the state of its email to the owner (`null` when email is not configured). Its ETag covers that too.',
    access: 'admin',
    pathParameters: byId,
    success: resource(INBOX_MESSAGE),
    errors: [404],
    storage: true,
    handle: ({ params }, { messages }) => messages.get(params.id),
  }),
  route({
    operationId: 'setMessageStatus',
    method: 'patch',
    path: '/api/v1/messages/{id}',
    tag: 'Messages',
    summary: 'Mark a message new, read or archived',
    description: 'An archived message may become `read` again but never `new` (`409`).',
    access: 'admin',
    pathParameters: byId,
    body: { schema: MessageStatusPatchSchema, readOnly: MESSAGE_READ_ONLY, example: { status: 'read' } },
    ifMatch: INBOX_MESSAGE,
    success: resource(INBOX_MESSAGE),
    errors: [404, 409],
    storage: true,
    handle: ({ params, body, ifMatch }, { messages }) => messages.setStatus(params.id, body.status, ifMatch),
  }),
  route({
    operationId: 'deleteMessage',
    method: 'delete',
    path: '/api/v1/messages/{id}',
    tag: 'Messages',
    summary: 'Delete a message',
    access: 'admin',
    pathParameters: byId,
    ifMatch: INBOX_MESSAGE,
    success: NO_CONTENT,
    errors: [404],
    storage: true,
    handle: ({ params, ifMatch }, { messages }) => messages.delete(params.id, ifMatch),
  }),
  route({
    operationId: 'notifyMessage',
    method: 'post',
    path: '/api/v1/messages/{id}/notify',
    tag: 'Messages',
    summary: "Send the message's email to the owner again",
    description:
      'Queues the email again (or for the first time, for a message that came before email was configured) with the same retry schedule, and answers with its state. `409` when email is not configured (`SMTP_URL`, `NOTIFY_EMAIL_TO`, `NOTIFY_EMAIL_FROM`).',
    access: 'admin',
    pathParameters: byId,
    success: receipt(NOTIFICATION),
    errors: [404, 409],
    storage: true,
    handle: ({ params }, { notifications }) => notifications.notify(params.id),
  }),
];
