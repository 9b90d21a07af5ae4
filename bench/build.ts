/** What the benchmark runs, built: the service as users build it, and the benchmark's own servers and load generator. */
import { join } from 'node:path';
import { buildService, bundle } from '../scripts/build.js';
import { BUILD, JS, log } from './options.js';

export async function buildAll(): Promise<void> {
  if (BUILD) {
    log('building portfolio-api (npm run build)…');
    await buildService();
  }
  // Plain JavaScript, without a loader in the way, bundled as the service is: the memory launcher
  // builds the service's own modules; the load generator carries autocannon, from bench/node_modules.
  await bundle({
    entryPoints: [
      'bench/load.ts',
      'bench/servers/bare.ts',
      'bench/servers/koa-floor.ts',
      'bench/servers/portfolio-memory.ts',
    ],
    outdir: JS,
    outbase: '.',
    // Under node_modules/.cache, where no package.json says "type": "module".
    extension: '.mjs',
  });
  log(`bench servers and load generator: ${join(JS, 'bench')}`);
}
