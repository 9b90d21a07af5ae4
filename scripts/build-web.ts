/**
 * `npm run build:web` (part of `npm run build`): the pages' browser assets,
 * bundled and minified with esbuild into dist/web/, laid out as they are
 * served:
 *
 * - `assets/portfolio-<hash>.css`, `assets/contact-form-<hash>.js`: the
 *   style sheet and the form script of the portfolio at `/`;
 * - `admin/index.html` and `admin/assets/main-<hash>.{js,css}`: the owner's
 *   console at `/admin`;
 * - `manifest.json`: the served path of each, for the server to name them
 *   (`WebManifest`, read by src/adapters/http/pages/web-build.ts);
 * - `docs/`: Swagger UI's script, style sheet and icon for the API reference
 *   at `/docs`, as swagger-ui-dist ships them.
 *
 * Every asset's name carries a hash of its content, so it can be cached for
 * good; index.html, which names them, is the one file that must not be.
 * The console's compressed JavaScript must stay within its budget: the build
 * fails when it does not.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DOCS_BUILD_FOLDER, SWAGGER_UI_FILES } from '../src/adapters/http/openapi/docs-page.js';
import { WEB_BUILD_DIR, type WebManifest } from '../src/adapters/http/pages/web-build.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Gzip-compressed JavaScript of the console, in bytes. */
export const ADMIN_SCRIPT_BUDGET = 60 * 1024;

const BROWSER: BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: ['chrome111', 'firefox113', 'safari16.4'],
  entryNames: '[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'error',
};

export async function buildWeb(target = WEB_BUILD_DIR): Promise<WebManifest> {
  // Built beside the target, then swapped in: two builds at once never write into one directory.
  mkdirSync(dirname(target), { recursive: true });
  const outDir = mkdtempSync(`${target}.tmp-`);
  try {
    const manifest = await buildInto(outDir);
    const previous = `${outDir}.previous`;
    if (existsSync(target)) renameSync(target, previous);
    renameSync(outDir, target);
    rmSync(previous, { recursive: true, force: true });
    return manifest;
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}

async function buildInto(outDir: string): Promise<WebManifest> {
  const [portfolio, admin] = await Promise.all([
    build({
      ...BROWSER,
      entryPoints: [join(ROOT, 'web/portfolio/portfolio.css'), join(ROOT, 'web/portfolio/contact-form.ts')],
      outdir: join(outDir, 'assets'),
      format: 'iife',
    }),
    build({
      ...BROWSER,
      entryPoints: [join(ROOT, 'web/admin/src/main.tsx')],
      outdir: join(outDir, 'admin/assets'),
      format: 'esm',
    }),
  ]);
  const served = (metafile: Metafile, extension: string): string => {
    const file = Object.keys(metafile.outputs).find((output) => output.endsWith(extension));
    if (!file) throw new Error(`no ${extension} file among ${Object.keys(metafile.outputs).join(', ')}`);
    return `/${relative(outDir, join(ROOT, file)).split('\\').join('/')}`;
  };
  const manifest: WebManifest = {
    portfolio: { stylesheet: served(portfolio.metafile!, '.css'), script: served(portfolio.metafile!, '.js') },
    admin: {
      html: '/admin/index.html',
      stylesheet: served(admin.metafile!, '.css'),
      script: served(admin.metafile!, '.js'),
    },
  };
  const html = readFileSync(join(ROOT, 'web/admin/index.html'), 'utf8')
    .replace('/admin/assets/main.css', manifest.admin.stylesheet)
    .replace('/admin/assets/main.js', manifest.admin.script);
  mkdirSync(join(outDir, 'admin'), { recursive: true });
  writeFileSync(join(outDir, 'admin/index.html'), html);
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // Swagger UI's files for /docs: copied, so that a production install needs no swagger-ui-dist.
  const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  mkdirSync(join(outDir, DOCS_BUILD_FOLDER));
  for (const file of SWAGGER_UI_FILES) copyFileSync(join(swaggerUi, file), join(outDir, DOCS_BUILD_FOLDER, file));
  const adminScript = sizeOf(outDir, manifest.admin.script).gzip;
  if (adminScript > ADMIN_SCRIPT_BUDGET) {
    throw new Error(
      `the console's script is ${kB(adminScript)} compressed, over its budget of ${kB(ADMIN_SCRIPT_BUDGET)}`,
    );
  }
  return manifest;
}

const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

/** Bytes of a built asset, raw and gzip-compressed (level 9, as a server would send it once compressed). */
export function sizeOf(outDir: string, servedPath: string): { raw: number; gzip: number } {
  const body = readFileSync(join(outDir, servedPath));
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = await buildWeb();
  for (const path of [
    manifest.portfolio.stylesheet,
    manifest.portfolio.script,
    manifest.admin.stylesheet,
    manifest.admin.script,
  ]) {
    const { raw, gzip } = sizeOf(WEB_BUILD_DIR, path);
    process.stdout.write(`${path}  ${kB(raw)}  (gzip ${kB(gzip)})\n`);
  }
}
