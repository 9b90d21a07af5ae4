import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bundle, ROOT } from '../../scripts/build.js';
import { startWebBuild, webBuildDone } from './web-build.js';

/** What the tests start as processes: the service, the copy CLI, and the crash test's writer. */
const ENTRY_POINTS = [
  'src/main.ts',
  'src/copy-storage.ts',
  'test/adapters/persistence/file/fixtures/write-burst.child.ts',
];

/** Set by the global fixture below for mocha's workers, which inherit it: where the one build goes. */
const BUILD_DIR_VARIABLE = 'PORTFOLIO_TEST_BUILD_DIR';
/** Written into that directory once the build is complete, or failed (holding why). */
const DONE = '.done';
const FAILED = '.failed';

let compiled: Promise<string> | undefined;

/**
 * Under c8 (NODE_V8_COVERAGE), each of mocha's workers writes its coverage,
 * megabytes of JSON, as it exits. workerpool, which runs the workers, kills a
 * worker that has not exited a second after it was asked to, and the
 * coverage of a worker killed halfway is lost: with two busy workers writing
 * at once, one often was. They get the time they need; it only counts once
 * every test has run.
 */
if (process.env.NODE_V8_COVERAGE) {
  const workerpool = createRequire(import.meta.url)('workerpool') as {
    pool: (script: string, options?: object) => unknown;
  };
  const pool = workerpool.pool.bind(workerpool);
  workerpool.pool = (script, options) => pool(script, { ...options, workerTerminateTimeout: 60_000 });
}

/**
 * The arguments for `node` that run an entry point (relative to the
 * repository, e.g. `src/main.ts`), for the tests that start it as a process.
 *
 * A process started under tsx spends about 0.6 s in its loader hooks before it
 * runs a line, and one that loads its 300 modules one by one from
 * node_modules about 0.4 s of CPU more than one loading a bundle; the suite
 * starts a dozen. So the entry points are bundled once, as `npm run build`
 * bundles the service (scripts/build.ts), into a directory beside `src/`,
 * removed when the run ends. `npm test` builds them in mocha's own process
 * while its workers start (`mochaGlobalSetup` below); any other run builds on
 * its first call here.
 *
 * Under c8 (NODE_V8_COVERAGE set, which Node passes on to every child) the
 * entry point runs under tsx instead: its coverage then maps back to src/
 * file for file, as the in-process tests' does, and the two add up.
 */
export async function nodeArgs(entryPoint: string): Promise<string[]> {
  if (!ENTRY_POINTS.includes(entryPoint)) throw new Error(`${entryPoint} is not in ENTRY_POINTS`);
  if (process.env.NODE_V8_COVERAGE) return ['--import', 'tsx/esm', join(ROOT, entryPoint)];
  const shared = process.env[BUILD_DIR_VARIABLE];
  const dir = await (compiled ??= shared ? builtElsewhere(shared) : compileOwn());
  return [join(dir, entryPoint.replace(/\.ts$/, '.js'))];
}

/**
 * Mocha global fixture (`npm test` requires this file): starts the one build
 * of the run without waiting for it, so that it overlaps the workers' start;
 * nodeArgs waits for it where it is needed.
 */
export function mochaGlobalSetup(): void {
  startWebBuild();
  if (process.env.NODE_V8_COVERAGE) return;
  const dir = makeBuildDir();
  process.env[BUILD_DIR_VARIABLE] = dir;
  compiled = compile(dir).then(
    () => (writeFileSync(join(dir, DONE), ''), dir),
    (error: unknown) => {
      writeFileSync(join(dir, FAILED), String(error));
      throw error;
    },
  );
  // Reported to the tests that need the build, by nodeArgs.
  compiled.catch(() => {});
}

export async function mochaGlobalTeardown(): Promise<void> {
  await webBuildDone();
  const dir = process.env[BUILD_DIR_VARIABLE];
  if (!dir) return;
  await compiled?.catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}

/** In a worker: the directory the main process is building into, once it is done. */
async function builtElsewhere(dir: string): Promise<string> {
  for (;;) {
    if (existsSync(join(dir, DONE))) return dir;
    if (existsSync(join(dir, FAILED)))
      throw new Error(`building ${dir} failed: ${readFileSync(join(dir, FAILED), 'utf8')}`);
    if (!existsSync(dir)) throw new Error(`${dir} is gone: the run that built it has ended`);
    await sleep(20);
  }
}

async function compileOwn(): Promise<string> {
  const dir = makeBuildDir();
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  await compile(dir);
  return dir;
}

/**
 * Inside the repository on purpose: the bundle finds the repository's
 * package.json above it, which makes its .js files ES modules and gives the
 * service its version and description.
 */
function makeBuildDir(): string {
  return mkdtempSync(join(ROOT, '.test-build-'));
}

async function compile(dir: string): Promise<void> {
  await bundle({ entryPoints: ENTRY_POINTS, outdir: dir, outbase: '.' });
}
