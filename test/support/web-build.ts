import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WEB_BUILD_DIR } from '../../src/adapters/http/pages/web-build.js';
import { buildWeb } from '../../scripts/build-web.js';

/** Set by the global fixture for mocha's workers: where the build says it is done (or failed, and why). */
const SIGNAL_VARIABLE = 'PORTFOLIO_TEST_WEB_BUILD_SIGNAL';
const DONE = 'done';
const FAILED = 'failed';

let built: Promise<void> | undefined;

/**
 * The pages' assets in dist/web (what `npm run build:web` makes, and what the
 * service serves, in process or started as one), built from the current
 * sources once per test run: by the global fixture (compiled.ts) while
 * mocha's workers start, or, in a run without it, by the first test that
 * needs them. Every test that serves a page, or starts the service, awaits
 * this first.
 */
export function webBuilt(): Promise<void> {
  const signal = process.env[SIGNAL_VARIABLE];
  return (built ??= signal ? builtElsewhere(signal) : buildWeb().then(() => undefined));
}

/** The global fixture's part: starts the build without waiting for it. */
export function startWebBuild(): void {
  const signal = mkdtempSync(join(tmpdir(), 'portfolio-web-build-'));
  process.env[SIGNAL_VARIABLE] = signal;
  built = buildWeb().then(
    () => writeFileSync(join(signal, DONE), ''),
    (error: unknown) => {
      writeFileSync(join(signal, FAILED), String(error));
      throw error;
    },
  );
  // Reported to the tests that need the build, by webBuilt.
  built.catch(() => {});
}

export async function webBuildDone(): Promise<void> {
  await built?.catch(() => {});
  const signal = process.env[SIGNAL_VARIABLE];
  if (signal) rmSync(signal, { recursive: true, force: true });
}

async function builtElsewhere(signal: string): Promise<void> {
  for (;;) {
    if (existsSync(join(signal, DONE))) return;
    if (existsSync(join(signal, FAILED)))
      throw new Error(`building ${WEB_BUILD_DIR} failed: ${readFileSync(join(signal, FAILED), 'utf8')}`);
    if (!existsSync(signal)) throw new Error(`${signal} is gone: the run that built ${WEB_BUILD_DIR} has ended`);
    await sleep(20);
  }
}
