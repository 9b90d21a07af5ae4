import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the tests start as processes: the service, the copy CLI, and the crash test's writer. */
const ENTRY_POINTS = [
  'src/main.ts',
  'src/copy-storage.ts',
  'test/adapters/persistence/file/fixtures/write-burst.child.ts',
];

let compiled: Promise<string> | undefined;

/**
 * The arguments for `node` that run an entry point (relative to the
 * repository, e.g. `src/main.ts`), for the tests that start it as a process.
 *
 * A process started under tsx spends about 0.6 s in its loader hooks before it
 * runs a line, and one that loads its 300 modules one by one from
 * node_modules about 0.4 s of CPU more than one loading a bundle; the suite
 * starts a dozen. So the first call bundles the entry points once, with
 * esbuild (the transpiler tsx itself runs), into a directory beside `src/`,
 * removed when this process exits. The PostgreSQL and Redis adapters, which
 * the service imports only when configured, stay separate chunks.
 *
 * Under c8 (NODE_V8_COVERAGE set, which Node passes on to every child) the
 * entry point runs under tsx instead: its coverage then maps back to src/
 * file for file, as the in-process tests' does, and the two add up.
 */
export async function nodeArgs(entryPoint: string): Promise<string[]> {
  if (!ENTRY_POINTS.includes(entryPoint)) throw new Error(`${entryPoint} is not in ENTRY_POINTS`);
  if (process.env.NODE_V8_COVERAGE) return ['--import', 'tsx/esm', join(ROOT, entryPoint)];
  const dir = await (compiled ??= compile());
  return [join(dir, basename(entryPoint).replace(/\.ts$/, '.js'))];
}

async function compile(): Promise<string> {
  const dir = mkdtempSync(join(ROOT, '.test-build-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  // The service reads its version and description from the nearest package.json.
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  await build({
    entryPoints: ENTRY_POINTS.map((file) => join(ROOT, file)),
    outdir: dir,
    entryNames: '[name]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // pg's optional native binding, which it loads only when asked to.
    external: ['pg-native'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return dir;
}
