import { PROJECT_READ_ONLY, ProjectInputSchema, ProjectPatchSchema, slug } from '../../schemas/project.schema.js';
import { unauthorized } from '../middleware/auth.js';
import { presentProject } from '../presenters.js';
import { ProjectListQuerySchema } from '../query.schema.js';
import { PROJECT } from '../representations.js';
import { created, NO_CONTENT, page, resource, route, type PathParameter } from '../route.js';
import { PAGING_DESCRIPTIONS, sample, writable } from './examples.js';

const bySlug: { slug: PathParameter } = {
  slug: {
    schema: slug,
    description: 'The project slug. A draft is found only with a valid admin token.',
    example: sample.projects[0]!.slug,
  },
};

const body = { schema: ProjectInputSchema, readOnly: PROJECT_READ_ONLY };

export const PROJECT_ROUTES = [
  route({
    operationId: 'listProjects',
    method: 'get',
    path: '/api/v1/projects',
    tag: 'Projects',
    summary: 'List projects',
    description:
      'Published projects, filtered, sorted and paginated. Ties in the sort order are broken by `slug` ascending, so paging is stable; a page past the last one is an empty `data` array with correct `meta`. `status=draft` or `status=all` needs a valid admin token (`401` without).',
    access: 'public-or-admin',
    // Before the query is validated: without a token any status but `published` is a 401, even one that is not valid.
    authorize: (ctx) => {
      const { status } = ctx.query;
      if (status !== undefined && status !== 'published' && !ctx.state.isAdmin)
        throw unauthorized('Listing drafts requires a valid admin token');
    },
    query: ProjectListQuerySchema,
    queryDescriptions: {
      tag: 'Only projects having this tag; repeat it to require several (`tag=api&tag=postgres`: both).',
      tech: 'Only projects using this technology (case-insensitive).',
      featured: 'Only featured (`true`) or only other (`false`) projects.',
      q: 'Case-insensitive search over title, summary, description and tags; every whitespace-separated term must occur.',
      sort: 'Sort order; ties are broken by `slug` ascending.',
      status: '`draft` and `all` need a valid admin token (`401` without).',
      ...PAGING_DESCRIPTIONS,
    },
    success: page(PROJECT),
    errors: [401],
    storage: true,
    handle: ({ query: { tag, ...query } }, { projects }) => projects.list({ ...query, tags: tag }),
  }),
  route({
    operationId: 'createProject',
    method: 'post',
    path: '/api/v1/projects',
    tag: 'Projects',
    summary: 'Create a project',
    description:
      'Without `slug`, one is derived from the title (`-2`, `-3`, … appended when taken); an explicit slug that is taken is a `409`. Tags are trimmed, lower-cased and de-duplicated.',
    access: 'admin',
    body: {
      ...body,
      example: {
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
      },
    },
    success: created(PROJECT, (project) => `/api/v1/projects/${project.slug}`),
    errors: [409],
    storage: true,
    handle: ({ body }, { projects }) => projects.create(body),
  }),
  route({
    operationId: 'getProject',
    method: 'get',
    path: '/api/v1/projects/{slug}',
    tag: 'Projects',
    summary: 'Read a project',
    access: 'public-or-admin',
    pathParameters: bySlug,
    success: resource(PROJECT),
    errors: [404],
    storage: true,
    handle: ({ ctx, params }, { projects }) => projects.get(params.slug, { includeDrafts: ctx.state.isAdmin }),
  }),
  route({
    operationId: 'replaceProject',
    method: 'put',
    path: '/api/v1/projects/{slug}',
    tag: 'Projects',
    summary: 'Replace a project',
    description: 'Takes the same body as `POST`; without `slug` the current one is kept.',
    access: 'admin',
    pathParameters: bySlug,
    body: { ...body, example: writable(presentProject(sample.projects[0]!), ['id', 'slug', 'createdAt', 'updatedAt']) },
    ifMatch: PROJECT,
    success: resource(PROJECT),
    errors: [404, 409],
    storage: true,
    handle: ({ params, body, ifMatch }, { projects }) => projects.replace(params.slug, body, ifMatch),
  }),
  route({
    operationId: 'patchProject',
    method: 'patch',
    path: '/api/v1/projects/{slug}',
    tag: 'Projects',
    summary: 'Change some fields of a project',
    access: 'admin',
    pathParameters: bySlug,
    body: {
      schema: ProjectPatchSchema,
      readOnly: PROJECT_READ_ONLY,
      example: { featured: true, tags: ['pwa', 'maps', 'open-source', 'offline'] },
    },
    ifMatch: PROJECT,
    success: resource(PROJECT),
    errors: [404, 409],
    storage: true,
    handle: ({ params, body, ifMatch }, { projects }) => projects.patch(params.slug, body, ifMatch),
  }),
  route({
    operationId: 'deleteProject',
    method: 'delete',
    path: '/api/v1/projects/{slug}',
    tag: 'Projects',
    summary: 'Delete a project',
    access: 'admin',
    pathParameters: bySlug,
    ifMatch: PROJECT,
    success: NO_CONTENT,
    errors: [404],
    storage: true,
    handle: ({ params, ifMatch }, { projects }) => projects.delete(params.slug, ifMatch),
  }),
];
