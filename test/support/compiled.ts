import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let compiled: Promise<string> | undefined;

/**
 * The path of `file` (relative to the repository, e.g. `src/main.ts`) compiled
 * to JavaScript, for the tests that start it as a process.
 *
 * Starting a process under tsx costs about 0.6 s more than starting plain
 * JavaScript (its loader hooks resolve and transform every module), and the
 * suite starts a dozen. So the first call compiles `src/` and the non-spec
 * files of `test/` once, with esbuild, the transpiler tsx itself runs (one
 * output file per source file, no bundling, so what runs is the same modules
 * as under tsx), into a directory beside `src/` that is removed when this
 * process exits. Beside `src/`, so that packages resolve from `node_modules`
 * and `package.json` is where the sources look for it.
 */
export async function compiledPath(file: string): Promise<string> {
  const dir = await (compiled ??= compile());
  return join(dir, file.replace(/\.ts$/, '.js'));
}

async function compile(): Promise<string> {
  const dir = mkdtempSync(join(ROOT, '.test-build-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  await build({
    entryPoints: [...sources('src'), ...sources('test')],
    outbase: ROOT,
    outdir: dir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  return dir;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(ROOT, dir, file));
}
