/** The benchmark's command-line options, what they come to, and where it keeps its files. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** The benchmark's own package: the peers (json-server) and the load generator (autocannon). */
export const BENCH = join(ROOT, 'bench');
/** Generated data sets, bundled servers, work directories, profiles and results, kept between runs. */
export const CACHE = join(ROOT, 'node_modules', '.cache', 'portfolio-bench');
export const JS = join(CACHE, 'js');
export const HOST = '127.0.0.1';
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef0123456789';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string', default: '10' },
    n: { type: 'string', default: '1000' },
    tables: { type: 'string', default: 'main,scaling,inbox' },
    servers: { type: 'string' },
    endpoints: { type: 'string' },
    baseline: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});

export const QUICK = flags.quick;
export const ROUNDS = Number(flags.rounds ?? (QUICK ? 2 : 3));
export const SCALING_ROUNDS = Number(flags.rounds ?? (QUICK ? 1 : 2));
export const DURATION_S = Number(flags.duration ?? (QUICK ? 2 : 3));
/** Per cell; the JIT is warmed up per server before its first cell (SERVER_WARMUP_S). */
export const WARMUP_S = Number(flags.warmup ?? 0.5);
/** The growth tables have many cells and need only the trend: shorter ones. */
export const SCALING_DURATION_S = QUICK ? DURATION_S : Math.min(DURATION_S, 2);
export const SCALING_WARMUP_S = Math.min(WARMUP_S, 0.5);
/** Per server start, each read endpoint once over before the first cell. */
export const SERVER_WARMUP_S = QUICK ? 0.5 : 1;
export const CONNECTIONS = Number(flags.connections);
export const N = Number(flags.n);
export const TABLES = new Set(flags.tables.split(','));
/** Substrings of server names (`--servers file,bare`); every server when unset. */
export const WANTED_SERVERS = flags.servers?.split(',').map((s) => s.trim().toLowerCase());
export const WANTED_ENDPOINTS = flags.endpoints?.split(',');
/** A checkout of another commit, built (`npm run build`), whose `dist/main.js` runs beside this one. */
export const BASELINE = flags.baseline;
export const CPU_PROFILE = flags['cpu-prof'];
export const BUILD = !flags['no-build'];

export const SCALING_NS = [100, 1000, 10_000, 100_000];
export const INBOX_COUNTS = [0, 10_000, 100_000];

export const log = (line: string) => process.stderr.write(`${line}\n`);
