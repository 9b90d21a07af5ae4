import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The API reference page: Swagger UI (swagger-ui-dist) rendering
 * `/openapi.json`. Every script, style sheet and icon is served by this
 * service under `/docs/assets/`, and the page's Content-Security-Policy
 * forbids loading anything from another origin. Swagger UI's files are copied
 * into the pages' build (dist/web/docs, by scripts/build-web.ts), so that a
 * production install needs no swagger-ui-dist: 12 MB, of which the page uses 1.8.
 */

export const DOCS_PATH = '/docs';
export const DOCS_ASSETS_PATH = '/docs/assets';

/** Our own start-up script: a file, not inline, so that the policy can forbid inline scripts. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayOperationId: false,
    displayRequestDuration: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
    // The default sends the document to validator.swagger.io; nothing leaves this origin.
    validatorUrl: null,
  });
});
`;

interface Asset {
  readonly contentType: string;
  /** A file of swagger-ui-dist, as the build copied it, or our own text. */
  readonly source: { readonly dist: string } | { readonly text: string };
}

const ASSETS: Record<string, Asset> = {
  'swagger-ui.css': { contentType: 'text/css; charset=utf-8', source: { dist: 'swagger-ui.css' } },
  'swagger-ui-bundle.js': { contentType: 'text/javascript; charset=utf-8', source: { dist: 'swagger-ui-bundle.js' } },
  'docs-init.js': { contentType: 'text/javascript; charset=utf-8', source: { text: INIT_SCRIPT } },
  'favicon-32x32.png': { contentType: 'image/png', source: { dist: 'favicon-32x32.png' } },
};

export const DOCS_ASSET_NAMES = Object.keys(ASSETS) as [string, ...string[]];

/** The files of swagger-ui-dist the page uses, which the pages' build copies into its DOCS_BUILD_FOLDER. */
export const SWAGGER_UI_FILES = Object.values(ASSETS).flatMap(({ source }) => ('dist' in source ? [source.dist] : []));
export const DOCS_BUILD_FOLDER = 'docs';

export const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>portfolio-api · API reference</title>
    <link rel="stylesheet" href="${DOCS_ASSETS_PATH}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${DOCS_ASSETS_PATH}/favicon-32x32.png">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_ASSETS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_ASSETS_PATH}/docs-init.js"></script>
  </body>
</html>
`;

/**
 * Same origin only. Swagger UI styles elements inline (React `style`
 * attributes) and draws some icons as `data:` images; it never needs eval.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const loaded = new Map<string, Buffer>();

/**
 * The asset's bytes and type, read from the pages' build (`webDir`) on its
 * first request and kept; undefined for a name that is not an asset.
 */
export function docsAsset(name: string, webDir: string): { body: Buffer; contentType: string } | undefined {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return undefined;
  let body = loaded.get(name);
  if (!body) {
    const { source } = asset;
    body = 'text' in source ? Buffer.from(source.text) : readFileSync(join(webDir, DOCS_BUILD_FOLDER, source.dist));
    loaded.set(name, body);
  }
  return { body, contentType: asset.contentType };
}
