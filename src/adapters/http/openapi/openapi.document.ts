import { readFileSync } from 'node:fs';
import { maxHeaderSize } from 'node:http';
import { join } from 'node:path';
import * as v from 'valibot';
import { ExperienceInputSchema, ExperiencePatchSchema } from '../../schemas/experience.schema.js';
import { calendarDate, httpsUrl, id, timestamp } from '../../schemas/fields.js';
import { ContactInputSchema, MessageStatusPatchSchema } from '../../schemas/message.schema.js';
import { ProfileInputSchema } from '../../schemas/profile.schema.js';
import { ProjectInputSchema, ProjectPatchSchema, slug, tag } from '../../schemas/project.schema.js';
import { SkillInputSchema, SkillPatchSchema } from '../../schemas/skill.schema.js';
import { WebhookInputSchema, WebhookPatchSchema } from '../../schemas/webhook.schema.js';
import { WWW_AUTHENTICATE } from '../middleware/auth.js';
import { SANE_ID } from '../middleware/request-id.js';
import { packageDirectory } from '../package-directory.js';
import { ContactFormSchema } from '../pages/contact-form.schema.js';
import { PROBLEMS } from '../problem.js';
import {
  schemaOf,
  componentSchemas,
  queryParameters,
  withIntegerFormats,
  type Components,
  type JsonSchema,
} from './json-schema.js';
import type { BodyMedia } from '../middleware/request-body.js';
import { isConditionalRead, type Route, type Tag } from '../route.js';
import { ROUTES } from '../routes/routes.js';
import {
  ContactReceiptSchema,
  DeliverySchema,
  ExperienceSchema,
  FieldIssueSchema,
  InboxMessageSchema,
  MessageSchema,
  NotificationSchema,
  PageMetaSchema,
  PortfolioSchema,
  ProblemSchema,
  ProfileSchema,
  ProjectSchema,
  SkillGroupSchema,
  SkillSchema,
  TagCountSchema,
  WebhookSchema,
  WebhookWithSecretSchema,
} from './representation.schema.js';

const TAGS: Record<Tag, string> = {
  Portfolio: 'Everything a static site needs, in one conditional request.',
  Profile: 'The owner: one per portfolio.',
  Projects: 'Public list of published projects; drafts and writes are admin only.',
  Skills: 'Skills grouped by category.',
  Experience: 'Roles, current ones first.',
  Contact: 'The public contact form.',
  Messages: "The owner's inbox (admin only).",
  Webhooks: 'Signed notifications of events to other systems, and their deliveries (admin only).',
  Operations: 'Liveness and readiness probes.',
  Documentation: 'This document and its reference page.',
  Pages: "For people in a browser: the portfolio with its contact form, and the owner's console.",
};

/** The named schemas of `#/components/schemas`: the same objects the routes validate with. */
export const COMPONENTS: Components = {
  Portfolio: PortfolioSchema,
  Profile: ProfileSchema,
  ProfileInput: ProfileInputSchema,
  Project: ProjectSchema,
  ProjectInput: ProjectInputSchema,
  ProjectPatch: ProjectPatchSchema,
  TagCount: TagCountSchema,
  SkillGroup: SkillGroupSchema,
  Skill: SkillSchema,
  SkillInput: SkillInputSchema,
  SkillPatch: SkillPatchSchema,
  Experience: ExperienceSchema,
  ExperienceInput: ExperienceInputSchema,
  ExperiencePatch: ExperiencePatchSchema,
  ContactInput: ContactInputSchema,
  ContactForm: ContactFormSchema,
  ContactReceipt: ContactReceiptSchema,
  Message: MessageSchema,
  InboxMessage: InboxMessageSchema,
  Notification: NotificationSchema,
  MessageStatusPatch: MessageStatusPatchSchema,
  Webhook: WebhookSchema,
  WebhookWithSecret: WebhookWithSecretSchema,
  WebhookInput: WebhookInputSchema,
  WebhookPatch: WebhookPatchSchema,
  Delivery: DeliverySchema,
  PageMeta: PageMetaSchema,
  Problem: ProblemSchema,
  FieldIssue: FieldIssueSchema,
  Slug: slug,
  Tag: tag,
  Id: id,
  HttpsUrl: httpsUrl,
  CalendarDate: calendarDate,
  Timestamp: timestamp,
};

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    parameters: Record<string, unknown>;
    headers: Record<string, HeaderObject>;
    securitySchemes: Record<string, unknown>;
  };
} & Record<string, unknown>;

export interface HeaderObject {
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | { $ref: string }>;
  content?: Record<string, { schema?: JsonSchema; example?: unknown }>;
}

export interface OperationObject {
  operationId: string;
  tags: Tag[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters: unknown[];
  requestBody?: unknown;
  responses: Record<string, ResponseObject | { $ref: string }>;
}

const JSON_TYPE = 'application/json';
const HTML_TYPE = 'text/html';
const BODY_TYPES: Record<BodyMedia, string> = { json: JSON_TYPE, form: 'application/x-www-form-urlencoded' };
const PROBLEM_TYPE = 'application/problem+json';
const HEADER_REF = '#/components/headers/';
const ETAG_PATTERN = '^"[A-Za-z0-9_-]{27}"$';
const LINK_PATTERN = '^<[^>]+>; rel="(first|prev|next|last)"(, <[^>]+>; rel="(first|prev|next|last)")*$';

const HEADERS: Record<string, HeaderObject> = {
  'X-Request-Id': {
    description:
      "The request's id: the client's own `X-Request-Id` when it sent a sane one, otherwise a generated one. It is in every log line of the request and in error bodies.",
    required: true,
    schema: { type: 'string', maxLength: 128, pattern: SANE_ID.source },
  },
  'Access-Control-Allow-Origin': {
    description: "Present when the request's `Origin` is one of the configured `CORS_ORIGINS`.",
    schema: { type: 'string', maxLength: 2048 },
  },
  'Cache-Control': {
    description:
      'Public reads: `public, max-age=60`. Anything read with a valid admin token, every write, every error and the contact endpoint: `no-store`.',
    required: true,
    schema: { type: 'string', maxLength: 100 },
  },
  ETag: {
    description:
      'A strong validator: a hash of the exact JSON a `GET` of the resource returns. Send it back in `If-None-Match` (reads) or `If-Match` (writes).',
    required: true,
    schema: { type: 'string', maxLength: 29, pattern: ETAG_PATTERN },
  },
  Link: {
    description:
      'RFC 8288 links to the `first`, `prev`, `next` and `last` pages (only those that exist); each keeps the other query parameters.',
    required: true,
    schema: { type: 'string', maxLength: maxHeaderSize, pattern: LINK_PATTERN },
  },
  'X-Total-Count': {
    description: 'How many items match, on all pages.',
    required: true,
    schema: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  },
  Location: {
    description: 'The URL of the created resource.',
    required: true,
    schema: { type: 'string', maxLength: maxHeaderSize, pattern: '^/api/v1/' },
  },
  'Retry-After': {
    description: 'Seconds until the client may send again.',
    required: true,
    // At most one CONTACT_RATE_WINDOW or ADMIN_TOKEN_FAILURE_WINDOW, which the configuration caps at a year.
    schema: { type: 'integer', minimum: 0, maximum: 31_536_000 },
  },
  'WWW-Authenticate': {
    description: 'The scheme the admin endpoints expect.',
    required: true,
    schema: { type: 'string', const: WWW_AUTHENTICATE },
  },
  'Content-Security-Policy': {
    description:
      "The page's own policy: it loads scripts, styles and data from this origin only, and nothing inline. On `/`, with `CAPTCHA_SITE_KEY` set, the human-check provider's origins are added where its widget needs them.",
    required: true,
    schema: { type: 'string', maxLength: 1000, pattern: "^default-src 'none'; " },
  },
};

const headerRefs = (...names: (keyof typeof HEADERS)[]) =>
  Object.fromEntries(names.map((name) => [name, { $ref: `${HEADER_REF}${name}` }]));

/** On every response, success or error. */
const COMMON_HEADERS = ['X-Request-Id', 'Access-Control-Allow-Origin', 'Cache-Control'] as const;

const PARAMETERS = {
  XRequestId: {
    name: 'X-Request-Id',
    in: 'header',
    required: false,
    description: 'Your own id for this request, echoed back and logged; any other form is replaced by a generated id.',
    schema: { type: 'string', maxLength: 128, pattern: SANE_ID.source },
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'ETags you hold; when one matches the current representation the answer is `304` without a body.',
    schema: { type: 'string', maxLength: maxHeaderSize },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description:
      'Write only if the current representation still has one of these ETags (`*`: any); otherwise `412`. Weak ETags never match. Send each ETag exactly as the `ETag` header gave it, quotes included: a value that is neither `*` nor a list of quoted ETags (one wrapped in a second pair of quotes, one without quotes) is a `400` `validation-error` naming `If-Match`.',
    schema: { type: 'string', maxLength: maxHeaderSize },
  },
};

const kinds = Object.keys(PROBLEMS) as (keyof typeof PROBLEMS)[];

/** Headers that an error of this status carries besides the common ones. */
const PROBLEM_HEADERS: Record<number, (keyof typeof HEADERS)[]> = { 401: ['WWW-Authenticate'], 429: ['Retry-After'] };

/** Headers that an error of this status carries when it has them. */
const OPTIONAL_PROBLEM_HEADERS: Record<number, Record<string, HeaderObject>> = {
  503: {
    'Retry-After': {
      ...HEADERS['Retry-After']!,
      required: false,
      description:
        "Seconds after which the service expects to be able to answer: sent when the human check's provider did not answer (contact messages), not when storage is down.",
    },
  },
};

const PROBLEM_EXAMPLES: Record<number, unknown> = {
  400: {
    type: '/problems/validation-error',
    title: PROBLEMS['validation-error'].title,
    status: 400,
    detail: '2 fields are invalid',
    instance: '/api/v1/projects',
    requestId: '01JD8Y3M9X5Q2W7E4R6T8Y0U1I',
    errors: [
      { path: 'title', message: 'Required' },
      { path: 'links.repo', message: 'Must be an https URL' },
    ],
  },
};

/** `Problem` narrowed to the kinds that have this status: derived from the one table of problems. */
function problemResponse(status: number): ResponseObject {
  const ofStatus = kinds.filter((kind) => PROBLEMS[kind].status === status);
  return {
    description: ofStatus.map((kind) => PROBLEMS[kind].title).join(', or '),
    headers: {
      ...headerRefs(...COMMON_HEADERS, ...(PROBLEM_HEADERS[status] ?? [])),
      ...OPTIONAL_PROBLEM_HEADERS[status],
    },
    content: {
      [PROBLEM_TYPE]: {
        schema: {
          $ref: '#/components/schemas/Problem',
          type: 'object',
          properties: { type: { enum: ofStatus.map((kind) => `/problems/${kind}`) }, status: { const: status } },
        },
        ...(PROBLEM_EXAMPLES[status] ? { example: PROBLEM_EXAMPLES[status] } : {}),
      },
    },
  };
}

/** The error statuses of an operation: those its shape implies, and those it declares. */
export function errorStatuses(op: Route): number[] {
  const implied = [
    ...(op.body ? [400, 413, 415] : []),
    ...(op.query ? [400] : []),
    ...(op.access === 'admin' || op.access === 'scraper' ? [401] : []),
    // 412 answers the client's If-Match (400 a malformed one); a write without one is retried until applied.
    ...(op.ifMatch ? [400, 412] : []),
    ...(op.storage ? [503] : []),
    500,
  ];
  const statuses = new Set([...implied, ...op.errors]);
  // A client address that sent too many wrong tokens gets 429 where a wrong token would get 401.
  if (statuses.has(401)) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

function envelope(op: Route): v.GenericSchema | undefined {
  const { success } = op;
  switch (success.kind) {
    case 'resource':
    case 'receipt':
      return v.strictObject({ data: success.schema });
    case 'page':
      return v.strictObject({ data: v.array(success.schema), meta: PageMetaSchema });
    case 'collection':
      return v.strictObject({ data: v.array(success.schema) });
    case 'plain':
      return success.schema;
    default:
      return undefined;
  }
}

function successResponse(op: Route): ResponseObject {
  const { success } = op;
  const headers: (keyof typeof HEADERS)[] = [...COMMON_HEADERS];
  // As the response path sends it: every conditional read, and a resource whatever the method.
  if (isConditionalRead(op) || success.kind === 'resource') headers.push('ETag');
  if (success.kind === 'page') headers.push('X-Total-Count', 'Link');
  if (success.status === 201) headers.push('Location');
  for (const name of Object.keys(op.headers ?? {})) if (name in HEADERS) headers.push(name);
  const body = envelope(op);
  const mediaTypes = success.kind === 'content' ? success.mediaTypes : success.kind === 'html' ? [HTML_TYPE] : [];
  const content =
    success.kind === 'empty'
      ? undefined
      : body
        ? { [JSON_TYPE]: { schema: schemaOf(body, COMPONENTS) } }
        : Object.fromEntries(mediaTypes.map((type) => [type, {}]));
  const descriptions: Record<number, string> = {
    200: 'OK',
    201: 'Created',
    202: 'Accepted: the message is stored (or, from a honeypot, discarded)',
    204: 'No content',
  };
  return {
    description: descriptions[success.status]!,
    headers: headerRefs(...headers),
    ...(content ? { content } : {}),
  };
}

function parameters(op: Route): unknown[] {
  const path = Object.entries(op.pathParameters ?? {}).map(([name, parameter]) => ({
    name,
    in: 'path',
    required: true,
    description: parameter.description,
    schema: schemaOf(parameter.schema, COMPONENTS),
    example: parameter.example,
  }));
  const query = op.query
    ? queryParameters(op.query).map((parameter) => ({
        name: parameter.name,
        in: 'query',
        required: parameter.required,
        ...(parameter.repeated ? { style: 'form', explode: true } : {}),
        description: op.queryDescriptions?.[parameter.name] ?? parameter.schema.description,
        schema: parameter.schema,
      }))
    : [];
  const headers = [
    ...(isConditionalRead(op) ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : []),
    ...(op.ifMatch ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
    { $ref: '#/components/parameters/XRequestId' },
  ];
  return [...path, ...query, ...headers];
}

const SECURITY: Record<Route['access'], Record<string, string[]>[]> = {
  admin: [{ adminToken: [] }],
  // An explicit empty requirement: this operation is public by design, not by omission.
  public: [{}],
  'public-or-admin': [{}, { adminToken: [] }],
  scraper: [{ metricsToken: [] }],
};

/**
 * The statuses a page that answers a form has besides 200: the page, with the
 * route's headers and those of the status (Retry-After), or, where the status
 * is also an error's, either that page or the problem details.
 */
function pageStatusResponses(op: Route): Record<number, ResponseObject> {
  if (op.success.kind !== 'html' || !op.success.statuses) return {};
  const routeHeaders = Object.keys(op.headers ?? {}).filter((name) => name in HEADERS);
  const errors = errorStatuses(op);
  return Object.fromEntries(
    Object.entries(op.success.statuses.documented).map(([code, description]) => {
      const status = Number(code);
      const headers = {
        ...headerRefs(...COMMON_HEADERS, ...routeHeaders, ...(PROBLEM_HEADERS[status] ?? [])),
        ...OPTIONAL_PROBLEM_HEADERS[status],
      };
      const page = { [HTML_TYPE]: {} };
      if (!errors.includes(status)) return [status, { description, headers, content: page }];
      const problem = problemResponse(status);
      return [
        status,
        { description: `${description}; or ${problem.description}`, headers, content: { ...problem.content, ...page } },
      ];
    }),
  );
}

function operationObject(op: Route): OperationObject {
  const responses: OperationObject['responses'] = { [op.success.status]: successResponse(op) };
  if (isConditionalRead(op)) responses['304'] = { $ref: '#/components/responses/NotModified' };
  for (const status of errorStatuses(op)) responses[status] = { $ref: `#/components/responses/Problem${status}` };
  Object.assign(responses, pageStatusResponses(op));
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: SECURITY[op.access],
    parameters: parameters(op),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              (op.body.media ?? ['json']).map((media) => [
                BODY_TYPES[media],
                { schema: schemaOf(op.body!.schema, COMPONENTS), example: op.body!.example },
              ]),
            ),
          },
        }
      : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
  };
}

const packageJson = JSON.parse(readFileSync(join(packageDirectory(), 'package.json'), 'utf8')) as {
  version: string;
  description: string;
};

const DESCRIPTION = `${packageJson.description}

- Bodies are JSON. Single resources come as \`{ "data": {...} }\`; paginated lists as \`{ "data": [...], "meta": {...} }\` with \`X-Total-Count\` and \`Link\`; small collections whole as \`{ "data": [...] }\`.
- \`GET\` responses under \`/api/v1\` carry an \`ETag\`; a matching \`If-None-Match\` gets \`304\`. Writes honour \`If-Match\` (\`412\` on mismatch, \`400\` when it is not \`*\` or quoted ETags). \`HEAD\` is answered wherever \`GET\` is.
- Every error, from every layer, is an RFC 9457 \`application/problem+json\` body. An unknown path is a \`404\`; a known path with another method a \`405\` whose \`Allow\` header lists the methods.
- Write bodies are strict: an unknown or read-only field is a \`400\` naming it. Unknown query parameters are ignored; known ones with bad values are a \`400\`.
- Admin operations need \`Authorization: Bearer <ADMIN_TOKEN>\` (use **Authorize** on this page to try them).`;

/** Builds the OpenAPI 3.1 document of every route. Pure: the same code gives the same document. */
export function buildOpenApiDocument(routes: readonly Route[] = ROUTES): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const op of routes) (paths[op.path] ??= {})[op.method] = operationObject(op);
  const responses: Record<string, unknown> = {
    NotModified: {
      description: 'Not modified: `If-None-Match` matched the current representation.',
      headers: headerRefs(...COMMON_HEADERS, 'ETag'),
    },
  };
  const problemStatuses = [...new Set(routes.flatMap(errorStatuses))].sort((a, b) => a - b);
  for (const status of problemStatuses) responses[`Problem${status}`] = problemResponse(status);
  const usedTags = new Set(routes.map((op) => op.tag));
  return withIntegerFormats({
    openapi: '3.1.0',
    info: {
      title: 'portfolio-api',
      version: packageJson.version,
      description: DESCRIPTION,
    },
    servers: [
      {
        url: '/',
        description:
          'This service, wherever it runs (local, staging or production): the origin this document came from.',
        'x-internal': false,
      },
    ],
    tags: (Object.keys(TAGS) as Tag[])
      .filter((name) => usedTags.has(name))
      .map((name) => ({ name, description: TAGS[name] })),
    paths,
    components: {
      schemas: componentSchemas(COMPONENTS),
      responses,
      parameters: PARAMETERS,
      headers: HEADERS,
      securitySchemes: {
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The `ADMIN_TOKEN` the service is configured with, compared in constant time. Accepted only in the `Authorization` header, never in the query string. A client address that sent more than `ADMIN_TOKEN_FAILURE_LIMIT` wrong tokens within `ADMIN_TOKEN_FAILURE_WINDOW` gets `429` with `Retry-After` where a wrong token would get `401`, until the window ends; the right token is always accepted.',
        },
        metricsToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            "The `METRICS_TOKEN` the service is configured with, for `/metrics` only: a token of the scraper's own, never the admin token. Compared in constant time; wrong ones count towards the same throttle as wrong admin tokens.",
        },
      },
    },
  }) as OpenApiDocument;
}

let built: OpenApiDocument | undefined;

/** The document, built on first use and shared: it depends on code only, not on configuration. */
export function openApiDocument(): OpenApiDocument {
  return (built ??= buildOpenApiDocument());
}
