import type { Router } from '@koa/router';
import { HttpProblem } from '../problem.js';
import {
  DOCS_ASSETS_PATH,
  DOCS_CONTENT_SECURITY_POLICY,
  DOCS_HTML,
  DOCS_PATH,
  docsAsset,
} from '../openapi/docs-page.js';
import type { OpenApiDocument } from '../openapi/openapi.document.js';

/**
 * `/openapi.json`, the reference page at `/docs` and the page's own assets:
 * nothing comes from another host. The document is built and serialised on
 * its first request, not at start-up, where it would cost every instance
 * about 100 ms that most never need.
 */
export function docsRoutes(router: Router, document: () => OpenApiDocument): void {
  let json: string | undefined;

  router.get('/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = json ??= JSON.stringify(document());
  });

  router.get(DOCS_PATH, (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = DOCS_HTML;
  });

  router.get(`${DOCS_ASSETS_PATH}/:file`, (ctx) => {
    const asset = docsAsset(ctx.params.file!);
    if (!asset) throw new HttpProblem('not-found', `No asset ${ctx.params.file}`);
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.type = asset.contentType;
    ctx.body = asset.body;
  });
}
