import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { packageDirectory } from '../package-directory.js';
import type { PageAssets } from './page-document.js';

/**
 * The pages' browser assets, as `npm run build:web` (scripts/build-web.ts,
 * part of `npm run build`) lays them out in dist/web/:
 *
 * - `manifest.json`: the served path of each file below (this type);
 * - `assets/`: the portfolio's style sheet and form script;
 * - `admin/index.html` and `admin/assets/`: the owner's console.
 *
 * Every asset's name carries a hash of its content; index.html, which names
 * the console's, is the one file whose URL stays the same.
 */
export interface WebManifest {
  readonly portfolio: PageAssets;
  readonly admin: { readonly html: string; readonly stylesheet: string; readonly script: string };
}

/** Where `npm run build:web` writes: dist/web beside src/, whichever of the two the service runs from. */
export const WEB_BUILD_DIR = join(packageDirectory(), 'dist/web');

/** The folders of served assets, by the path they are served under. */
export const ASSET_FOLDERS = ['/assets', '/admin/assets'] as const;

const TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A built file and its `Content-Type`. */
export interface BuiltFile {
  readonly body: Buffer;
  readonly type: string;
}

export interface WebBuild {
  readonly manifest: WebManifest;
  /** The console's page: the one document that names its assets. */
  readonly adminPage: Buffer;
  /** The asset served at this path (`/admin/assets/main-4F2K.js`), if the build has it. */
  asset(servedPath: string): BuiltFile | undefined;
}

/**
 * Reads a build whole (a few hundred kB, source maps included), so that what
 * is served never changes under a running service, even while the build is
 * made again.
 */
export function openWebBuild(dir: string): WebBuild {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`the pages are not built: ${manifestFile} is missing; run \`npm run build\` (npm start does)`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as WebManifest;
  const assets = new Map<string, BuiltFile>();
  for (const folder of ASSET_FOLDERS) {
    const onDisk = join(dir, folder);
    for (const name of readdirSync(onDisk)) {
      const type = TYPES[extname(name)];
      if (type) assets.set(`${folder}/${name}`, { body: readFileSync(join(onDisk, name)), type });
    }
  }
  return {
    manifest,
    adminPage: readFileSync(join(dir, manifest.admin.html)),
    asset: (servedPath) => assets.get(servedPath),
  };
}
