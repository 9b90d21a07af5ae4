import * as v from 'valibot';
import { sampleContent } from '../../sample/sample-content.js';
import { ExperienceInputSchema, ExperiencePatchSchema } from '../../schemas/experience.schema.js';
import { id } from '../../schemas/fields.js';
import { ContactInputSchema, MessageStatusPatchSchema } from '../../schemas/message.schema.js';
import { ProfileInputSchema } from '../../schemas/profile.schema.js';
import { ProjectInputSchema, ProjectPatchSchema, slug } from '../../schemas/project.schema.js';
import { SkillInputSchema, SkillPatchSchema } from '../../schemas/skill.schema.js';
import { presentExperience, presentProfile, presentProject, presentSkill } from '../presenters.js';
import { MessageListQuerySchema, ProjectListQuerySchema, SkillListQuerySchema } from '../query.schema.js';
import { DOCS_ASSET_NAMES } from './docs-page.js';
import {
  ContactReceiptSchema,
  ExperienceSchema,
  HealthSchema,
  MessageSchema,
  OpenApiDocumentSchema,
  PortfolioSchema,
  ProfileSchema,
  ProjectSchema,
  ReadySchema,
  SkillGroupSchema,
  SkillSchema,
  TagCountSchema,
} from './representation.schema.js';

/**
 * Every operation the service answers, declared once: the document is built
 * from this list, and a test holds it equal to the routes registered on the
 * Koa routers. Statuses that follow from an operation's shape are added by
 * the builder (a body: 400, 413, 415; admin: 401; If-Match: 412; storage:
 * 503; always 500); `errors` lists only the others.
 */

export type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

export type Tag =
  | 'Portfolio'
  | 'Profile'
  | 'Projects'
  | 'Skills'
  | 'Experience'
  | 'Contact'
  | 'Messages'
  | 'Operations'
  | 'Documentation';

export const TAGS: Record<Tag, string> = {
  Portfolio: 'Everything a static site needs, in one conditional request.',
  Profile: 'The owner: one per portfolio.',
  Projects: 'Public list of published projects; drafts and writes are admin only.',
  Skills: 'Skills grouped by category.',
  Experience: 'Roles, current ones first.',
  Contact: 'The public contact form.',
  Messages: "The owner's inbox (admin only).",
  Operations: 'Liveness and readiness probes.',
  Documentation: 'This document and its reference page.',
};

export interface PathParameter {
  readonly schema: v.GenericSchema;
  readonly description: string;
  readonly example: string;
}

export type Success =
  /** `{ data: <schema> }` with the ETag a GET of it carries. */
  | { readonly status: 200 | 201; readonly kind: 'resource'; readonly schema: v.GenericSchema }
  /** `{ data: [<schema>], meta }` with X-Total-Count and Link. */
  | { readonly status: 200; readonly kind: 'page'; readonly schema: v.GenericSchema }
  /** `{ data: [<schema>] }`: a small collection, whole. */
  | { readonly status: 200; readonly kind: 'collection'; readonly schema: v.GenericSchema }
  /** `{ data: <schema> }` without an ETag. */
  | { readonly status: 202; readonly kind: 'receipt'; readonly schema: v.GenericSchema }
  /** The body is the schema itself. */
  | { readonly status: 200; readonly kind: 'plain'; readonly schema: v.GenericSchema }
  | { readonly status: 204; readonly kind: 'empty' }
  /** A non-JSON body: the reference page and its assets. */
  | { readonly status: 200; readonly kind: 'file'; readonly mediaTypes: readonly string[] };

export interface Operation {
  readonly operationId: string;
  readonly method: Method;
  /** OpenAPI path template: `/api/v1/projects/{slug}`. */
  readonly path: string;
  readonly tag: Tag;
  readonly summary: string;
  readonly description?: string;
  /** `public-or-admin`: works without a token; a valid one shows more (drafts). */
  readonly access: 'public' | 'admin' | 'public-or-admin';
  readonly pathParameters?: Readonly<Record<string, PathParameter>>;
  readonly query?: v.ObjectSchema<v.ObjectEntries, undefined>;
  /** What each query parameter means; its type, bounds and default come from `query`. */
  readonly queryDescriptions?: Readonly<Record<string, string>>;
  readonly body?: { readonly schema: v.GenericSchema; readonly example: unknown };
  /** Honours If-Match on the current representation (412 on mismatch). */
  readonly ifMatch?: boolean;
  readonly success: Success;
  readonly errors: readonly number[];
  /** Whether it reads or writes storage, and so can answer 503. */
  readonly storage: boolean;
}

const sample = sampleContent();
const sampleProject = sample.projects[0]!;
const sampleSkill = sample.skills[0]!;
const sampleExperience = sample.experience[0]!;

/** A representation minus its read-only fields, as JSON: what a PUT of the same content sends. */
function writable<T extends object>(representation: T, readOnly: readonly string[]): Partial<T> {
  const json = JSON.parse(JSON.stringify(representation)) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(json).filter(([key]) => !readOnly.includes(key))) as Partial<T>;
}

const slugParameter: PathParameter = {
  schema: slug,
  description: 'The project slug. A draft is found only with a valid admin token.',
  example: sampleProject.slug,
};
const idParameter = (what: string, example: string): PathParameter => ({
  schema: id,
  description: `The ${what} id.`,
  example,
});
const skillId = { id: idParameter('skill', sampleSkill.id) };
const experienceId = { id: idParameter('role', sampleExperience.id) };
const messageId = { id: idParameter('message', '01JD8Y3M9X0000000000000001') };

const pagingDescriptions = {
  page: '1-based page number. A page past the last one is an empty `data` array with correct `meta`.',
  limit: 'Page size.',
};

const projectExample = {
  title: 'Atlas Notes Sync',
  summary: 'End-to-end encrypted note sync with conflict-free merges.',
  description: 'Notes merge with CRDTs, so two offline edits never conflict.',
  tags: ['sync', 'open-source'],
  tech: ['TypeScript', 'SQLite'],
  links: { repo: 'https://github.com/example/atlas' },
  featured: false,
  status: 'published',
  startedAt: '2026-02-01',
  endedAt: null,
};

export const OPERATIONS: readonly Operation[] = [
  {
    operationId: 'getPortfolio',
    method: 'get',
    path: '/api/v1/portfolio',
    tag: 'Portfolio',
    summary: 'The whole portfolio',
    description:
      'Profile, every published project (by `startedAt` descending, ties by slug), skills grouped as in `/skills` and experience ordered as in `/experience`, under one ETag.',
    access: 'public',
    success: { status: 200, kind: 'resource', schema: PortfolioSchema },
    errors: [],
    storage: true,
  },
  {
    operationId: 'listTags',
    method: 'get',
    path: '/api/v1/tags',
    tag: 'Portfolio',
    summary: 'Tags of published projects with their counts',
    description: 'Most used first, ties by name.',
    access: 'public',
    success: { status: 200, kind: 'collection', schema: TagCountSchema },
    errors: [],
    storage: true,
  },
  {
    operationId: 'getProfile',
    method: 'get',
    path: '/api/v1/profile',
    tag: 'Profile',
    summary: 'The profile',
    description: '`404` until the owner has written one.',
    access: 'public',
    success: { status: 200, kind: 'resource', schema: ProfileSchema },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'replaceProfile',
    method: 'put',
    path: '/api/v1/profile',
    tag: 'Profile',
    summary: 'Create or replace the profile',
    access: 'admin',
    body: {
      schema: ProfileInputSchema,
      example: writable(presentProfile(sample.profile!), ['updatedAt']),
    },
    ifMatch: true,
    success: { status: 200, kind: 'resource', schema: ProfileSchema },
    errors: [],
    storage: true,
  },
  {
    operationId: 'listProjects',
    method: 'get',
    path: '/api/v1/projects',
    tag: 'Projects',
    summary: 'List projects',
    description:
      'Published projects, filtered, sorted and paginated. Ties in the sort order are broken by `slug` ascending, so paging is stable; a page past the last one is an empty `data` array with correct `meta`. `status=draft` or `status=all` needs a valid admin token (`401` without).',
    access: 'public-or-admin',
    query: ProjectListQuerySchema,
    queryDescriptions: {
      tag: 'Only projects having this tag; repeat it to require several (`tag=api&tag=postgres`: both).',
      tech: 'Only projects using this technology (case-insensitive).',
      featured: 'Only featured (`true`) or only other (`false`) projects.',
      q: 'Case-insensitive search over title, summary, description and tags; every whitespace-separated term must occur.',
      sort: 'Sort order; ties are broken by `slug` ascending.',
      status: '`draft` and `all` need a valid admin token (`401` without).',
      ...pagingDescriptions,
    },
    success: { status: 200, kind: 'page', schema: ProjectSchema },
    errors: [401],
    storage: true,
  },
  {
    operationId: 'createProject',
    method: 'post',
    path: '/api/v1/projects',
    tag: 'Projects',
    summary: 'Create a project',
    description:
      'Without `slug`, one is derived from the title (`-2`, `-3`, … appended when taken); an explicit slug that is taken is a `409`. Tags are trimmed, lower-cased and de-duplicated.',
    access: 'admin',
    body: { schema: ProjectInputSchema, example: projectExample },
    success: { status: 201, kind: 'resource', schema: ProjectSchema },
    errors: [409],
    storage: true,
  },
  {
    operationId: 'getProject',
    method: 'get',
    path: '/api/v1/projects/{slug}',
    tag: 'Projects',
    summary: 'Read a project',
    access: 'public-or-admin',
    pathParameters: { slug: slugParameter },
    success: { status: 200, kind: 'resource', schema: ProjectSchema },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'replaceProject',
    method: 'put',
    path: '/api/v1/projects/{slug}',
    tag: 'Projects',
    summary: 'Replace a project',
    description: 'Takes the same body as `POST`; without `slug` the current one is kept.',
    access: 'admin',
    pathParameters: { slug: slugParameter },
    body: {
      schema: ProjectInputSchema,
      example: writable(presentProject(sampleProject), ['id', 'slug', 'createdAt', 'updatedAt']),
    },
    ifMatch: true,
    success: { status: 200, kind: 'resource', schema: ProjectSchema },
    errors: [404, 409],
    storage: true,
  },
  {
    operationId: 'patchProject',
    method: 'patch',
    path: '/api/v1/projects/{slug}',
    tag: 'Projects',
    summary: 'Change some fields of a project',
    access: 'admin',
    pathParameters: { slug: slugParameter },
    body: { schema: ProjectPatchSchema, example: { featured: true, tags: ['pwa', 'maps', 'open-source', 'offline'] } },
    ifMatch: true,
    success: { status: 200, kind: 'resource', schema: ProjectSchema },
    errors: [404, 409],
    storage: true,
  },
  {
    operationId: 'deleteProject',
    method: 'delete',
    path: '/api/v1/projects/{slug}',
    tag: 'Projects',
    summary: 'Delete a project',
    access: 'admin',
    pathParameters: { slug: slugParameter },
    ifMatch: true,
    success: { status: 204, kind: 'empty' },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'listSkills',
    method: 'get',
    path: '/api/v1/skills',
    tag: 'Skills',
    summary: 'Skills grouped by category',
    description: 'Categories in alphabetical order; inside each, `level` descending, then name.',
    access: 'public',
    query: SkillListQuerySchema,
    queryDescriptions: { category: 'Only this category.' },
    success: { status: 200, kind: 'collection', schema: SkillGroupSchema },
    errors: [],
    storage: true,
  },
  {
    operationId: 'createSkill',
    method: 'post',
    path: '/api/v1/skills',
    tag: 'Skills',
    summary: 'Create a skill',
    description: 'Names are unique case-insensitively within their category (`409`).',
    access: 'admin',
    body: { schema: SkillInputSchema, example: { name: 'Kotlin', category: 'Languages', level: 3, years: 2 } },
    success: { status: 201, kind: 'resource', schema: SkillSchema },
    errors: [409],
    storage: true,
  },
  {
    operationId: 'getSkill',
    method: 'get',
    path: '/api/v1/skills/{id}',
    tag: 'Skills',
    summary: 'Read a skill',
    access: 'public',
    pathParameters: skillId,
    success: { status: 200, kind: 'resource', schema: SkillSchema },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'replaceSkill',
    method: 'put',
    path: '/api/v1/skills/{id}',
    tag: 'Skills',
    summary: 'Replace a skill',
    access: 'admin',
    pathParameters: skillId,
    body: { schema: SkillInputSchema, example: writable(presentSkill(sampleSkill), ['id']) },
    ifMatch: true,
    success: { status: 200, kind: 'resource', schema: SkillSchema },
    errors: [404, 409],
    storage: true,
  },
  {
    operationId: 'patchSkill',
    method: 'patch',
    path: '/api/v1/skills/{id}',
    tag: 'Skills',
    summary: 'Change some fields of a skill',
    access: 'admin',
    pathParameters: skillId,
    body: { schema: SkillPatchSchema, example: { level: 4, years: 8 } },
    ifMatch: true,
    success: { status: 200, kind: 'resource', schema: SkillSchema },
    errors: [404, 409],
    storage: true,
  },
  {
    operationId: 'deleteSkill',
    method: 'delete',
    path: '/api/v1/skills/{id}',
    tag: 'Skills',
    summary: 'Delete a skill',
    access: 'admin',
    pathParameters: skillId,
    ifMatch: true,
    success: { status: 204, kind: 'empty' },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'listExperience',
    method: 'get',
    path: '/api/v1/experience',
    tag: 'Experience',
    summary: 'Roles',
    description: 'Current roles (no `endDate`) first, then by `startDate` descending.',
    access: 'public',
    success: { status: 200, kind: 'collection', schema: ExperienceSchema },
    errors: [],
    storage: true,
  },
  {
    operationId: 'createExperience',
    method: 'post',
    path: '/api/v1/experience',
    tag: 'Experience',
    summary: 'Add a role',
    description: '`endDate` must not be before `startDate`.',
    access: 'admin',
    body: {
      schema: ExperienceInputSchema,
      example: {
        company: 'Lighthouse Labs',
        role: 'Backend Consultant',
        location: 'Remote',
        startDate: '2025-01-01',
        endDate: '2025-06-30',
        highlights: ['Designed the public REST API of a logistics platform'],
        tech: ['TypeScript', 'Koa', 'PostgreSQL'],
      },
    },
    success: { status: 201, kind: 'resource', schema: ExperienceSchema },
    errors: [],
    storage: true,
  },
  {
    operationId: 'getExperience',
    method: 'get',
    path: '/api/v1/experience/{id}',
    tag: 'Experience',
    summary: 'Read a role',
    access: 'public',
    pathParameters: experienceId,
    success: { status: 200, kind: 'resource', schema: ExperienceSchema },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'replaceExperience',
    method: 'put',
    path: '/api/v1/experience/{id}',
    tag: 'Experience',
    summary: 'Replace a role',
    access: 'admin',
    pathParameters: experienceId,
    body: { schema: ExperienceInputSchema, example: writable(presentExperience(sampleExperience), ['id']) },
    ifMatch: true,
    success: { status: 200, kind: 'resource', schema: ExperienceSchema },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'patchExperience',
    method: 'patch',
    path: '/api/v1/experience/{id}',
    tag: 'Experience',
    summary: 'Change some fields of a role',
    access: 'admin',
    pathParameters: experienceId,
    body: { schema: ExperiencePatchSchema, example: { endDate: '2026-06-30' } },
    ifMatch: true,
    success: { status: 200, kind: 'resource', schema: ExperienceSchema },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'deleteExperience',
    method: 'delete',
    path: '/api/v1/experience/{id}',
    tag: 'Experience',
    summary: 'Delete a role',
    access: 'admin',
    pathParameters: experienceId,
    ifMatch: true,
    success: { status: 204, kind: 'empty' },
    errors: [404],
    storage: true,
  },
  {
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
      example: {
        name: 'Grace Hopper',
        email: 'grace@example.com',
        subject: 'A project',
        message: 'Hello! Could we talk about a backend for my side project?',
      },
    },
    success: { status: 202, kind: 'receipt', schema: ContactReceiptSchema },
    errors: [429],
    storage: true,
  },
  {
    operationId: 'listMessages',
    method: 'get',
    path: '/api/v1/messages',
    tag: 'Messages',
    summary: 'List messages',
    description: 'Newest first.',
    access: 'admin',
    query: MessageListQuerySchema,
    queryDescriptions: { status: 'Only messages with this status.', ...pagingDescriptions },
    success: { status: 200, kind: 'page', schema: MessageSchema },
    errors: [],
    storage: true,
  },
  {
    operationId: 'getMessage',
    method: 'get',
    path: '/api/v1/messages/{id}',
    tag: 'Messages',
    summary: 'Read a message',
    access: 'admin',
    pathParameters: messageId,
    success: { status: 200, kind: 'resource', schema: MessageSchema },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'setMessageStatus',
    method: 'patch',
    path: '/api/v1/messages/{id}',
    tag: 'Messages',
    summary: 'Mark a message new, read or archived',
    description: 'An archived message may become `read` again but never `new` (`409`).',
    access: 'admin',
    pathParameters: messageId,
    body: { schema: MessageStatusPatchSchema, example: { status: 'read' } },
    ifMatch: true,
    success: { status: 200, kind: 'resource', schema: MessageSchema },
    errors: [404, 409],
    storage: true,
  },
  {
    operationId: 'deleteMessage',
    method: 'delete',
    path: '/api/v1/messages/{id}',
    tag: 'Messages',
    summary: 'Delete a message',
    access: 'admin',
    pathParameters: messageId,
    ifMatch: true,
    success: { status: 204, kind: 'empty' },
    errors: [404],
    storage: true,
  },
  {
    operationId: 'getHealth',
    method: 'get',
    path: '/health',
    tag: 'Operations',
    summary: 'Liveness',
    description: '`200` while the process runs.',
    access: 'public',
    success: { status: 200, kind: 'plain', schema: HealthSchema },
    errors: [],
    storage: false,
  },
  {
    operationId: 'getReadiness',
    method: 'get',
    path: '/ready',
    tag: 'Operations',
    summary: 'Readiness',
    description: '`200` when storage answers; `503` when it does not, or while the service shuts down.',
    access: 'public',
    success: { status: 200, kind: 'plain', schema: ReadySchema },
    errors: [],
    storage: true,
  },
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    tag: 'Documentation',
    summary: 'This OpenAPI 3.1 document',
    description: 'Generated from the valibot schemas that validate requests.',
    access: 'public',
    success: { status: 200, kind: 'plain', schema: OpenApiDocumentSchema },
    errors: [],
    storage: false,
  },
  {
    operationId: 'getDocsPage',
    method: 'get',
    path: '/docs',
    tag: 'Documentation',
    summary: 'API reference page',
    description: 'A Swagger UI page rendered from this document; it loads nothing from another host.',
    access: 'public',
    success: { status: 200, kind: 'file', mediaTypes: ['text/html'] },
    errors: [],
    storage: false,
  },
  {
    operationId: 'getDocsAsset',
    method: 'get',
    path: '/docs/assets/{file}',
    tag: 'Documentation',
    summary: 'Script, style sheet or icon of the reference page',
    access: 'public',
    pathParameters: {
      file: {
        schema: v.picklist(DOCS_ASSET_NAMES),
        description: 'The asset.',
        example: DOCS_ASSET_NAMES[0],
      },
    },
    success: { status: 200, kind: 'file', mediaTypes: ['text/css', 'text/javascript', 'image/png'] },
    errors: [404],
    storage: false,
  },
];
