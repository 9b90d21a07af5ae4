import * as v from 'valibot';
import { DOCS_ASSET_NAMES, DOCS_CONTENT_SECURITY_POLICY, DOCS_HTML, docsAsset } from '../openapi/docs-page.js';
import { OpenApiDocumentSchema } from '../openapi/representation.schema.js';
import { HttpProblem } from '../problem.js';
import { content, plain, route } from '../route.js';

/**
 * `/openapi.json`, the reference page at `/docs` and the page's own assets:
 * nothing comes from another host. The document is built on its first
 * request, and each asset read on its own, not at start-up, where they would
 * cost every instance time that most never need.
 */
export const DOCS_ROUTES = [
  route({
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    tag: 'Documentation',
    summary: 'This OpenAPI 3.1 document',
    description: 'Generated from the valibot schemas that validate requests.',
    access: 'public',
    success: plain(OpenApiDocumentSchema),
    errors: [],
    storage: false,
    cache: 'no-cache',
    handle: (_, { openApiDocument }) => openApiDocument(),
  }),
  route({
    operationId: 'getDocsPage',
    method: 'get',
    path: '/docs',
    tag: 'Documentation',
    summary: 'API reference page',
    description: 'A Swagger UI page rendered from this document; it loads nothing from another host.',
    access: 'public',
    success: content('text/html'),
    errors: [],
    storage: false,
    cache: 'no-cache',
    headers: { 'Content-Security-Policy': DOCS_CONTENT_SECURITY_POLICY },
    handle: () => ({ body: DOCS_HTML, type: 'text/html; charset=utf-8' }),
  }),
  route({
    operationId: 'getDocsAsset',
    method: 'get',
    path: '/docs/assets/{file}',
    tag: 'Documentation',
    summary: 'Script, style sheet or icon of the reference page',
    access: 'public',
    pathParameters: {
      file: { schema: v.picklist(DOCS_ASSET_NAMES), description: 'The asset.', example: DOCS_ASSET_NAMES[0] },
    },
    success: content('text/css', 'text/javascript', 'image/png'),
    errors: [404],
    storage: false,
    cache: { publicMaxAgeSeconds: 3600 },
    handle: ({ params }, { pages }) => {
      const asset = docsAsset(params.file, pages.webDir);
      if (!asset) throw new HttpProblem('not-found', `No asset ${params.file}`);
      return { body: asset.body, type: asset.contentType };
    },
  }),
];
