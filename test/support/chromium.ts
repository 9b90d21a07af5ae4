import { existsSync } from 'node:fs';

/**
 * The browser CHROMIUM_PATH names, or Debian's: its headless shell (what .ci/run
 * installs, and what Playwright itself runs headless: the same Blink and V8
 * without the desktop browser around them, which halves the test's time), else
 * the full chromium.
 */
const DEBIAN_CHROMIUMS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'];
export const CHROMIUM = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUMS.find((path) => existsSync(path));

/** Why a browser test skips, or undefined when there is a browser to run it. */
export function noChromium(): string | undefined {
  if (CHROMIUM && existsSync(CHROMIUM)) return undefined;
  const where = CHROMIUM ?? DEBIAN_CHROMIUMS.join(' or ');
  return `no Chromium at ${where} (apt-get install chromium-headless-shell, or set CHROMIUM_PATH)`;
}

/**
 * Headless, and off the network: no background traffic, and no host resolves
 * but 127.0.0.1 and 127.0.0.2 (two loopback addresses, two sites to the browser).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE 127.0.0.2',
  // V8's optimising compilers spent 1.2 s of CPU on Swagger UI's bundle in a page that lives
  // four seconds; the baseline compilers run it as fast here.
  '--js-flags=--max-opt=1',
];
