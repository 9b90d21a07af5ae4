import type axe from 'axe-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where the browser tests leave their screenshots: git-ignored, kept by CI as artifacts. */
export const SCREENSHOT_DIR = join(ROOT, 'reports/screenshots');

/**
 * `npm run screenshots` sets it: the screenshots a test marks for the docs
 * are written to docs/images too, which is how those images are made.
 */
const DOCS_IMAGES = process.env.DOCS_SCREENSHOTS ? join(ROOT, 'docs/images') : undefined;

/** One headless browser for a test file; its contexts keep the tests apart. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/** A phone and a desktop, for the pages must read well on both. */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * A full-page screenshot, `<name>.png` in SCREENSHOT_DIR; with `forDocs`, when
 * asked for, the first screen of it into docs/images as well (what a reader
 * sees first, at a size the repository can keep).
 */
export async function screenshot(page: Page, name: string, { forDocs = false } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  if (forDocs && DOCS_IMAGES) {
    mkdirSync(DOCS_IMAGES, { recursive: true });
    writeFileSync(join(DOCS_IMAGES, `${name}.png`), await page.screenshot());
  }
}

/**
 * axe-core as the text of its browser build, never loaded into Node: the
 * engine is thousands of functions, and a mocha worker that loaded it took
 * long enough to write its coverage at exit to be killed halfway.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/**
 * axe-core's findings of serious or critical impact on the page as it is
 * now, WCAG 2.x A and AA rules and axe's best practices. axe is evaluated
 * through the browser's debugging protocol, which the page's
 * Content-Security-Policy does not govern, so the page runs under its real
 * policy while it is checked.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact!,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** The console's line for any answer of 400 or more: the API's refusals are the pages' to show, not errors. */
const REFUSED_ANSWER = /^Failed to load resource: the server responded with a status of \d+/;

/** Kinds of request whose failure is a broken page rather than an answer the page reads. */
const PAGE_PARTS = new Set(['script', 'stylesheet', 'image', 'font', 'media']);

/**
 * What a page asked of other hosts, and its errors: what its console
 * reported (a Content-Security-Policy violation is one), uncaught script
 * errors, and any part of the page (script, style sheet, image) that failed.
 */
export function watchPage(page: Page, origin: string): { elsewhere: string[]; errors: string[] } {
  const seen = { elsewhere: [] as string[], errors: [] as string[] };
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) seen.elsewhere.push(url);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && PAGE_PARTS.has(response.request().resourceType()))
      seen.errors.push(`${response.status()} for ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !REFUSED_ANSWER.test(message.text())) seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}
