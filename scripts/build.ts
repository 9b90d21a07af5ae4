/**
 * The one build definition. `npm run build` and `npm start` (through
 * `--if-changed`) build the service's commands into dist/; the process tests
 * (test/support/compiled.ts) and the benchmark bundle theirs with `bundle`.
 *
 * Each command is bundled with esbuild, with the packages it imports, so that
 * Node loads a few files instead of some 300 modules. Code that only some
 * configurations run (the PostgreSQL and Redis adapters and their drivers)
 * stays in chunks of its own, loaded when configured.
 *
 * dist/ holds one directory per build, named by a hash of what it was built
 * from (dist/build/<hash>/), and at the paths users run (dist/main.js, …) a
 * one-line module that imports the current one. A build is written into a
 * temporary directory and renamed into place once complete, then the
 * one-line modules are replaced (a rename each, atomic): two builds at once
 * never write into the same files, and a process that starts meanwhile runs
 * one complete build or the other. A process keeps loading from the directory
 * it started from; the two most recent builds are kept.
 *
 *   tsx scripts/build.ts               build
 *   tsx scripts/build.ts --if-changed  build only when the sources changed
 */
import { build, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildWeb } from './build-web.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What users run: `node dist/main.js`, `node dist/copy-storage.js`, `node dist/adapters/persistence/postgres/migrate.js`. */
export const SERVICE_ENTRY_POINTS = [
  'src/main.ts',
  'src/copy-storage.ts',
  'src/adapters/persistence/postgres/migrate.ts',
] as const;

/** Builds older than the current one and the one before it are removed. */
const KEPT_BUILDS = 2;

export interface BundleOptions {
  /** Entry points, relative to the repository. */
  readonly entryPoints: readonly string[];
  readonly outdir: string;
  /** The directory whose layout the output mirrors: `src` puts src/main.ts at outdir/main.js. */
  readonly outbase: string;
  readonly sourcemap?: BuildOptions['sourcemap'];
  /** `.mjs` for output that lies where no package.json says `"type": "module"`. */
  readonly extension?: '.js' | '.mjs';
}

/**
 * Bundles entry points as ES modules for Node 20. Packages are bundled too,
 * except those read at run time from node_modules:
 * - `pg-native`, pg's optional native binding, which it loads only when asked to;
 * - `mime-db` and `iconv-lite`, tables of data: Node parses mime-db's JSON in
 *   a few milliseconds, the same data as a bundled object literal costs tens;
 *   and the two copies (koa's and accepts') are one.
 */
export async function bundle({
  entryPoints,
  outdir,
  outbase,
  sourcemap = false,
  extension = '.js',
}: BundleOptions): Promise<void> {
  await build({
    entryPoints: entryPoints.map((file) => join(ROOT, file)),
    outdir,
    outbase: join(ROOT, outbase),
    entryNames: '[dir]/[name]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap,
    outExtension: { '.js': extension },
    external: ['pg-native', 'mime-db', 'iconv-lite'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
}

/** A hash of everything a build is made from: the sources, the locked packages and this definition. */
export function sourceHash(root = ROOT): string {
  const hash = createHash('sha256');
  const files = [
    ...listFiles(join(root, 'src')),
    join(root, 'package.json'),
    join(root, 'package-lock.json'),
    ...listFiles(join(root, 'web')),
    join(root, 'scripts', 'build.ts'),
    join(root, 'scripts', 'build-web.ts'),
  ];
  for (const file of files) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The one-line module at `entry`'s place in dist/ that runs it from build `hash`. */
function launcherPath(dist: string, entry: string): string {
  return join(dist, relative('src', entry).replace(/\.ts$/, '.js'));
}

function launcherSource(dist: string, entry: string, hash: string): string {
  const launcher = launcherPath(dist, entry);
  const target = join(dist, 'build', hash, relative('src', entry).replace(/\.ts$/, '.js'));
  const path = relative(dirname(launcher), target);
  return `import '${path.startsWith('..') ? path : `./${path}`}';\n`;
}

/** Whether dist/ runs the build of these sources (the pages' assets are built before the launchers change). */
function isCurrent(dist: string, hash: string): boolean {
  if (!isFile(join(dist, 'web', 'manifest.json'))) return false;
  return SERVICE_ENTRY_POINTS.every((entry) => {
    try {
      return readFileSync(launcherPath(dist, entry), 'utf8') === launcherSource(dist, entry, hash);
    } catch {
      return false;
    }
  });
}

/** Builds the service into `dist` (see the top of this file); returns the build's hash. */
export async function buildService({ dist = join(ROOT, 'dist'), ifChanged = false } = {}): Promise<string> {
  const hash = sourceHash();
  if (ifChanged && isCurrent(dist, hash)) return hash;
  const builds = join(dist, 'build');
  const target = join(builds, hash);
  if (!isDirectory(target)) {
    mkdirSync(builds, { recursive: true });
    const temporary = mkdtempSync(join(builds, '.tmp-'));
    try {
      await bundle({ entryPoints: SERVICE_ENTRY_POINTS, outdir: temporary, outbase: 'src', sourcemap: 'linked' });
      renameSync(temporary, target);
    } catch (error) {
      rmSync(temporary, { recursive: true, force: true });
      // Another build of the same sources got there first: use it.
      if (!isDirectory(target)) throw error;
    }
  }
  await buildWeb(join(dist, 'web'));
  for (const entry of SERVICE_ENTRY_POINTS) replaceFile(launcherPath(dist, entry), launcherSource(dist, entry, hash));
  removeOldBuilds(builds, hash);
  removeStrayFiles(dist);
  return hash;
}

/**
 * Whatever else is in dist/ (the output of an older kind of build) goes, but
 * for another build's temporary files and the pages' assets (dist/web, see
 * scripts/build-web.ts).
 */
function removeStrayFiles(dist: string): void {
  const launchers = new Set(SERVICE_ENTRY_POINTS.map((entry) => launcherPath(dist, entry)));
  const builds = join(dist, 'build');
  // dist/web, and the directories another build is making it in (web.tmp-…).
  const web = join(dist, 'web');
  const entries = readdirSync(dist, { withFileTypes: true, recursive: true })
    .map((entry) => ({ path: join(entry.parentPath, entry.name), isFile: entry.isFile() }))
    .filter(({ path }) => path !== builds && !path.startsWith(join(builds, '/')) && !path.startsWith(web));
  for (const { path, isFile } of entries) {
    if (isFile && !launchers.has(path) && !path.endsWith('.tmp')) rmSync(path, { force: true });
  }
  // Longest paths first: a directory comes after those inside it.
  const directories = entries.filter(({ isFile }) => !isFile).sort((a, b) => b.path.length - a.path.length);
  for (const { path } of directories) {
    if (readdirSync(path).length === 0) rmSync(path, { recursive: true, force: true });
  }
}

function replaceFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Keeps the current build and the most recent others, up to KEPT_BUILDS; temporary directories are another build's. */
function removeOldBuilds(builds: string, current: string): void {
  const others = readdirSync(builds)
    .filter((name) => name !== current && !name.startsWith('.tmp-'))
    .map((name) => ({ name, modified: statSync(join(builds, name)).mtimeMs }))
    .sort((a, b) => b.modified - a.modified);
  for (const { name } of others.slice(KEPT_BUILDS - 1)) rmSync(join(builds, name), { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'if-changed': { type: 'boolean', default: false } } });
  const started = performance.now();
  buildService({ ifChanged: values['if-changed'] }).then(
    (hash) => process.stderr.write(`dist/ runs build ${hash} (${Math.round(performance.now() - started)} ms)\n`),
    (error: unknown) => {
      process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
