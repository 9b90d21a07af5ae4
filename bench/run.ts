/**
 * `npm run bench`: portfolio-api against the practical limit (`bare`) and the
 * peers (json-server) on one generated data set.
 *
 * Each server runs in its own process pinned to core 0, the load generator
 * (autocannon) in another pinned to core 1, both on loopback only. Rounds go
 * through the servers in order and then in reverse, and the tables report
 * medians and ratios to `bare`: on a shared machine absolute numbers drift,
 * ratios measured side by side in one run hold.
 *
 *   npm run bench                 full run (about 13 minutes on a busy 2-core machine)
 *   npm run bench -- --quick      a few seconds per cell
 *   options: --rounds N --duration S --warmup S --connections C --n N
 *            --tables main,scaling,inbox --servers a,b,… --endpoints list,one,…
 *            --cpu-prof (portfolio-api writes .cpuprofile files) --no-build
 *            --baseline DIR (also run the memory launcher over DIR/dist, e.g. a
 *            worktree of the previous commit, for before/after in one run)
 *            --experiment async-log (also run the memory launcher with a buffered,
 *            unredacted logger: what the per-request log line costs)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { cpus, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import {
  BENCH_TAG,
  CONTACT_BODY,
  benchSlug,
  generateContent,
  generateMessages,
  jsonServerDocument,
} from './dataset.js';
import type { LoadResult, LoadSpec } from './load.js';
import { sampleContent } from '../src/adapters/sample/sample-content.js';
import { serializeContent } from '../src/adapters/persistence/file/content-document.js';
import type { Message } from '../src/domain/messages/message.js';
import {
  inboxTable,
  mainTable,
  processTable,
  startupTable,
  scalingTable,
  type CellRecord,
  type ServerRecord,
  type Skipped,
} from './report.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CACHE = join(ROOT, 'node_modules', '.cache', 'portfolio-bench');
const JS = join(CACHE, 'js');
const HOST = '127.0.0.1';
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef0123456789';

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
    experiment: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});

const QUICK = flags.quick;
const ROUNDS = Number(flags.rounds ?? (QUICK ? 2 : 3));
const SCALING_ROUNDS = Number(flags.rounds ?? (QUICK ? 1 : 2));
const DURATION_S = Number(flags.duration ?? (QUICK ? 2 : 3));
/** Per cell; the JIT is warmed up per server before its first cell (SERVER_WARMUP_S). */
const WARMUP_S = Number(flags.warmup ?? 0.5);
/** The growth tables have many cells and need only the trend: shorter ones. */
const SCALING_DURATION_S = QUICK ? DURATION_S : Math.min(DURATION_S, 2);
const SCALING_WARMUP_S = Math.min(WARMUP_S, 0.5);
/** Per server start, each read endpoint once over before the first cell. */
const SERVER_WARMUP_S = QUICK ? 0.5 : 1;
const CONNECTIONS = Number(flags.connections);
const N = Number(flags.n);
const TABLES = new Set(flags.tables.split(','));
const SCALING_NS = [100, 1000, 10_000, 100_000];
const INBOX_COUNTS = [0, 10_000, 100_000];
const STARTUP_NAMES = ['portfolio-api (file)', 'portfolio-api (memory, main.js)', 'bare', 'json-server 0.17'];

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------
// Processes: pinning, ports, start-up, CPU and memory.

const TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0 && cpus().length >= 2;
const pinned = (core: number, command: string, args: string[]): [string, string[]] =>
  TASKSET ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function request(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  });
}

function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Data sets, one directory per (N, stored messages), each in every format.

interface DataSet {
  readonly n: number;
  readonly messages: number;
  readonly dir: string;
  readonly slug: string;
}

const dataSets = new Map<string, DataSet>();

/** What the generated files depend on: the generator, the sample content and the file adapter's format. */
const GENERATOR_VERSION = createHash('sha1')
  .update(
    [
      'bench/dataset.ts',
      'bench/run.ts',
      'src/adapters/sample/sample-content.ts',
      'src/adapters/persistence/file/content-document.ts',
    ]
      .map((path) => readFileSync(join(ROOT, path), 'utf8'))
      .join('\0'),
  )
  .digest('hex');

function dataSet(n: number, messages = 0): DataSet {
  const key = `${n}-${messages}`;
  const known = dataSets.get(key);
  if (known) return known;
  const dir = join(CACHE, 'data', `n${n}-m${messages}`);
  const content = generateContent(n);
  const set = { n, messages, dir, slug: benchSlug(content) };
  dataSets.set(key, set);
  // Generated files are kept between runs while the generator and the formats stay the same.
  const stamp = join(dir, 'generated-by');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === GENERATOR_VERSION) return set;
  mkdirSync(dir, { recursive: true });
  const stored = generateMessages(messages);
  writeFileSync(join(dir, 'content.json'), JSON.stringify(content));
  writeFileSync(join(dir, 'portfolio.json'), serializeContent(content));
  writeFileSync(join(dir, 'messages.json'), JSON.stringify(stored));
  writeFileSync(join(dir, 'portfolio.messages.jsonl'), journalOf(stored));
  const db = jsonServerDocument(content) as { messages: unknown[] };
  db.messages = stored.map(({ version: _version, ...message }) => message);
  writeFileSync(join(dir, 'json-server.json'), JSON.stringify(db, null, 2));
  writeFileSync(stamp, GENERATOR_VERSION);
  return set;
}

/** The sample portfolio a new installation starts with: what the start-up target is about. */
function sampleDataSet(): DataSet {
  const known = dataSets.get('sample');
  if (known) return known;
  const dir = join(CACHE, 'data', 'sample');
  mkdirSync(dir, { recursive: true });
  const content = sampleContent();
  writeFileSync(join(dir, 'content.json'), JSON.stringify(content));
  writeFileSync(join(dir, 'portfolio.json'), serializeContent(content));
  writeFileSync(join(dir, 'messages.json'), '[]');
  writeFileSync(join(dir, 'json-server.json'), JSON.stringify(jsonServerDocument(content), null, 2));
  const set = { n: content.projects.length, messages: 0, dir, slug: benchSlug(content) };
  dataSets.set('sample', set);
  return set;
}

// ---------------------------------------------------------------------------
// The servers and how each one spells the benchmarked requests.

interface Endpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  /** Send the ETag of a first GET back in If-None-Match, expecting 304. */
  readonly conditional?: boolean;
}

type EndpointName = 'list' | 'one' | 'profile' | 'portfolio' | 'list 304' | 'portfolio 304' | 'contact';
const ENDPOINTS: EndpointName[] = ['list', 'one', 'profile', 'portfolio', 'list 304', 'portfolio 304', 'contact'];
const MAIN_ENDPOINTS = flags.endpoints
  ? ENDPOINTS.filter((name) => flags.endpoints!.split(',').includes(name))
  : ENDPOINTS;

interface Launch {
  readonly command: string;
  readonly args: string[];
  readonly env: Record<string, string>;
}

interface ServerDef {
  readonly name: string;
  /** Copies what the server will write to into its own directory, then says how to start it. */
  launch(port: number, dir: string, data: DataSet): Launch;
  readonly probe: string;
  endpoints(data: DataSet): Partial<Record<EndpointName, Endpoint>>;
}

const contactBody = JSON.stringify(CONTACT_BODY);
const profArgs = (_dir: string) =>
  flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${join(CACHE, 'profiles')}`] : [];

function portfolioEnv(port: number, dir: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST,
    LOG_LEVEL: 'info',
    ADMIN_TOKEN,
    CONTACT_RATE_LIMIT: '1000000',
    CONTACT_RATE_WINDOW: '600',
    DATA_FILE: join(dir, 'portfolio.json'),
  };
}

const portfolioEndpoints = (data: DataSet): Partial<Record<EndpointName, Endpoint>> => ({
  list: { method: 'GET', path: `/api/v1/projects?tag=${BENCH_TAG}&page=1&limit=20` },
  one: { method: 'GET', path: `/api/v1/projects/${data.slug}` },
  profile: { method: 'GET', path: '/api/v1/profile' },
  portfolio: { method: 'GET', path: '/api/v1/portfolio' },
  'list 304': { method: 'GET', path: `/api/v1/projects?tag=${BENCH_TAG}&page=1&limit=20`, conditional: true },
  'portfolio 304': { method: 'GET', path: '/api/v1/portfolio', conditional: true },
  contact: { method: 'POST', path: '/api/v1/contact', body: contactBody },
});

const SERVERS: ServerDef[] = [
  {
    name: 'portfolio-api (file)',
    probe: '/api/v1/profile',
    launch: (port, dir, data) => {
      copyFileSync(join(data.dir, 'portfolio.json'), join(dir, 'portfolio.json'));
      seedFileInbox(dir, data);
      return {
        command: process.execPath,
        args: [...profArgs(dir), join(ROOT, 'dist', 'main.js')],
        env: { ...portfolioEnv(port, dir), STORAGE: 'file' },
      };
    },
    endpoints: portfolioEndpoints,
  },
  {
    name: 'portfolio-api (memory)',
    probe: '/api/v1/profile',
    launch: (port, dir, data) => ({
      command: process.execPath,
      args: [...profArgs(dir), join(JS, 'servers', 'portfolio-memory.mjs')],
      env: {
        ...portfolioEnv(port, dir),
        STORAGE: 'memory',
        PORTFOLIO_DIST: join(ROOT, 'dist'),
        CONTENT_FILE: join(data.dir, 'content.json'),
        ...(data.messages > 0 ? { MESSAGES_FILE: join(data.dir, 'messages.json') } : {}),
      },
    }),
    endpoints: portfolioEndpoints,
  },
  {
    // What `STORAGE=memory SEED_SAMPLE_DATA=true npm start` runs: only for the start-up row.
    name: 'portfolio-api (memory, main.js)',
    probe: '/api/v1/profile',
    launch: (port, dir) => ({
      command: process.execPath,
      args: [...profArgs(dir), join(ROOT, 'dist', 'main.js')],
      env: { ...portfolioEnv(port, dir), STORAGE: 'memory', SEED_SAMPLE_DATA: 'true' },
    }),
    endpoints: () => ({}),
  },
  {
    name: 'bare',
    probe: '/api/v1/profile',
    launch: (port, dir, data) => ({
      command: process.execPath,
      args: [join(JS, 'servers', 'bare.mjs')],
      env: {
        NODE_ENV: 'production',
        PORT: String(port),
        HOST,
        CONTENT_FILE: join(data.dir, 'content.json'),
        JOURNAL_FILE: join(dir, 'messages.jsonl'),
      },
    }),
    endpoints: (data) => {
      const { 'list 304': _l, 'portfolio 304': _p, ...rest } = portfolioEndpoints(data);
      return rest;
    },
  },
  {
    name: 'json-server 0.17',
    probe: '/profile',
    launch: (port, dir, data) => {
      copyFileSync(join(data.dir, 'json-server.json'), join(dir, 'db.json'));
      return {
        command: process.execPath,
        args: [
          join(ROOT, 'node_modules', 'json-server-0.17', 'lib', 'cli', 'bin.js'),
          'db.json',
          '--port',
          String(port),
          '--host',
          HOST,
        ],
        env: { NODE_ENV: 'production' },
      };
    },
    endpoints: (data) => {
      // Tags are an array; `_like` matches a regular expression against "a,b,c".
      const list = `/projects?status=published&tags_like=${encodeURIComponent(`(^|,)${BENCH_TAG}(,|$)`)}&_sort=startedAt,slug&_order=desc,asc&_page=1&_limit=20`;
      return {
        list: { method: 'GET', path: list },
        one: { method: 'GET', path: `/projects/${data.slug}` },
        profile: { method: 'GET', path: '/profile' },
        // No composed resource: the closest is the whole database in one request.
        portfolio: { method: 'GET', path: '/db' },
        contact: { method: 'POST', path: '/messages', body: contactBody },
      };
    },
  },
  {
    name: 'json-server 1.0-beta.3',
    probe: '/profile',
    launch: (port, dir, data) => {
      copyFileSync(join(data.dir, 'json-server.json'), join(dir, 'db.json'));
      // In production its static-file middleware insists on ./public.
      mkdirSync(join(dir, 'public'));
      return {
        command: process.execPath,
        args: [
          join(ROOT, 'node_modules', 'json-server-1-beta', 'lib', 'bin.js'),
          'db.json',
          '--port',
          String(port),
          '--host',
          HOST,
        ],
        env: { NODE_ENV: 'production' },
      };
    },
    endpoints: (data) => {
      // 1.0 cannot filter on an array field: `tags=api` matches every project, which it still scans, sorts and pages.
      const list = `/projects?status=published&tags=${BENCH_TAG}&_sort=-startedAt,slug&_page=1&_per_page=20`;
      return {
        list: { method: 'GET', path: list },
        one: { method: 'GET', path: `/projects/${data.slug}` },
        profile: { method: 'GET', path: '/profile' },
        contact: { method: 'POST', path: '/messages', body: contactBody },
      };
    },
  },
];

if (flags.baseline) {
  const baselineDist = join(flags.baseline, 'dist');
  const memory = SERVERS.find((def) => def.name === 'portfolio-api (memory)')!;
  SERVERS.splice(SERVERS.indexOf(memory) + 1, 0, {
    ...memory,
    name: 'baseline (memory)',
    launch: (port, dir, data) => {
      const launch = memory.launch(port, dir, data);
      return { ...launch, env: { ...launch.env, PORTFOLIO_DIST: baselineDist } };
    },
  });
}

if (flags.experiment === 'async-log') {
  const memory = SERVERS.find((def) => def.name === 'portfolio-api (memory)')!;
  SERVERS.splice(SERVERS.indexOf(memory) + 1, 0, {
    ...memory,
    name: 'experiment: async log (memory)',
    launch: (port, dir, data) => {
      const launch = memory.launch(port, dir, data);
      return { ...launch, env: { ...launch.env, BENCH_ASYNC_LOG: 'true' } };
    },
  });
}

/** Messages already in the inbox of the file adapter: its journal, beside the data file. */
function seedFileInbox(dir: string, data: DataSet): void {
  if (data.messages > 0)
    copyFileSync(join(data.dir, 'portfolio.messages.jsonl'), join(dir, 'portfolio.messages.jsonl'));
}

/** The file adapter's message journal: one `put` event per line, oldest first. */
function journalOf(messages: readonly Message[]): string {
  return messages.map((message) => `${JSON.stringify({ op: 'put', message })}\n`).join('');
}

// ---------------------------------------------------------------------------
// Running a server and measuring cells against it.

interface Running {
  readonly def: ServerDef;
  readonly child: ChildProcess;
  readonly port: number;
  readonly startupMs: number;
  readonly base: string;
}

let workCounter = 0;
const WORK = join(CACHE, 'work', String(process.pid));

async function start(def: ServerDef, data: DataSet): Promise<Running> {
  const dir = join(WORK, `${workCounter++}-${def.name.replace(/[^a-z0-9.]+/gi, '-')}`);
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const launch = def.launch(port, dir, data);
  const logFd = openSync(join(dir, 'server.log'), 'a');
  const [command, args] = pinned(0, launch.command, launch.args);
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...launch.env },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  const base = `http://${HOST}:${port}`;
  const deadline = started + 120_000;
  for (;;) {
    if (exited !== null) {
      const tail = readFileSync(join(dir, 'server.log'), 'utf8').trim().split('\n').slice(-3).join(' | ');
      throw new CannotStart(`${def.name} ${String(exited)} before answering: ${tail.slice(0, 400)}`);
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${def.name} did not answer within 120 s`);
    }
    try {
      const reply = await request(base + def.probe);
      if (reply.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { def, child, port, startupMs: performance.now() - started, base };
}

async function stop(running: Running): Promise<void> {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Every read the server is about to be measured on, once over, before any
 * cell: otherwise the first cell also pays for the JIT compiling the
 * framework's request path, which a bare server barely has.
 */
async function warmUp(running: Running, endpoints: readonly Endpoint[], seconds: number): Promise<void> {
  for (const endpoint of endpoints) {
    if (endpoint.method !== 'GET' || endpoint.conditional) continue;
    await runLoad({
      url: running.base + endpoint.path,
      connections: CONNECTIONS,
      durationS: seconds,
      warmupS: 0,
    });
  }
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const [command, args] = pinned(1, process.execPath, [join(JS, 'load.mjs'), JSON.stringify(spec)]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult);
    });
  });
}

async function cell(
  running: Running,
  endpoint: Endpoint,
  durationS: number,
  warmupS: number,
): Promise<LoadResult | null> {
  const headers: Record<string, string> = {};
  if (endpoint.body !== undefined) headers['content-type'] = 'application/json';
  if (endpoint.conditional) {
    const first = await request(running.base + endpoint.path);
    const etag = first.headers.etag;
    if (first.status !== 200 || etag === undefined) return null;
    headers['if-none-match'] = etag;
  }
  return runLoad({
    url: running.base + endpoint.path,
    method: endpoint.method,
    headers,
    body: endpoint.body,
    connections: CONNECTIONS,
    durationS,
    warmupS,
    pid: running.child.pid,
    expectStatus: endpoint.conditional ? 304 : undefined,
  });
}

// ---------------------------------------------------------------------------

const cells: CellRecord[] = [];
const servers: ServerRecord[] = [];
const skipped: Skipped[] = [];
const notes: string[] = [];
/** Servers that cannot start at all in this checkout: skipped from then on. */
const unavailable = new Set<string>();

class CannotStart extends Error {}

function pickServers(names: readonly string[]): ServerDef[] {
  const wanted = flags.servers?.split(',').map((s) => s.trim().toLowerCase());
  return SERVERS.filter(
    (def) => names.includes(def.name) && (!wanted || wanted.some((w) => def.name.toLowerCase().includes(w))),
  );
}

/** A, B, C … then C, B, A …: each server sees the machine's drift from both sides. */
const alternate = <T>(items: readonly T[], round: number): T[] => (round % 2 === 0 ? [...items] : [...items].reverse());

async function measureServer(
  def: ServerDef,
  data: DataSet,
  table: ServerRecord['table'],
  round: number,
  wanted: readonly EndpointName[],
  durationS: number,
): Promise<void> {
  if (unavailable.has(def.name)) return;
  let running: Running;
  try {
    running = await start(def, data);
  } catch (error) {
    const reason = (error as Error).message;
    if (error instanceof CannotStart) unavailable.add(def.name);
    if (!skipped.some((s) => s.server === def.name && s.reason === reason)) skipped.push({ server: def.name, reason });
    log(`  ${def.name}: skipped: ${reason}`);
    return;
  }
  try {
    const endpoints = def.endpoints(data);
    await warmUp(
      running,
      wanted.map((name) => endpoints[name]).filter((e): e is Endpoint => e !== undefined),
      table === 'main' ? SERVER_WARMUP_S : SCALING_WARMUP_S,
    );
    for (const name of wanted) {
      const endpoint = endpoints[name];
      if (!endpoint) continue;
      const result = await cell(running, endpoint, durationS, table === 'main' ? WARMUP_S : SCALING_WARMUP_S);
      if (!result) {
        log(`  ${def.name} ${name}: no ETag, skipped`);
        continue;
      }
      if (table === 'startup') continue;
      cells.push({ table, server: def.name, endpoint: name, n: data.n, messages: data.messages, round, result });
      log(
        `  ${def.name.padEnd(24)} ${name.padEnd(14)} N=${data.n} msgs=${data.messages}: ` +
          `${result.rps.toFixed(0)} req/s, p50 ${Number(result.p50 ?? NaN).toFixed(2)} ms, ` +
          `p99 ${Number(result.p99 ?? NaN).toFixed(2)} ms` +
          `${result.unexpected + result.errors > 0 ? `, unexpected ${result.unexpected}, errors ${result.errors}` : ''}`,
      );
    }
    servers.push({
      table,
      server: def.name,
      n: data.n,
      messages: data.messages,
      round,
      startupMs: running.startupMs,
      rssMb: rssMb(running.child.pid!),
    });
  } finally {
    await stop(running);
  }
}

function build(): void {
  if (!flags['no-build']) {
    log('building portfolio-api (npm run build)…');
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) {
      // tsc still emits on type errors; a half-edited file elsewhere in a working tree should not stop a run.
      if (!existsSync(join(ROOT, 'dist', 'main.js'))) throw new Error('npm run build failed');
      log('warning: npm run build reported errors; benchmarking what it emitted');
      notes.push('`npm run build` reported type errors in this working tree; the run used what it emitted.');
    }
  }
  // The bench's own servers and load generator run as plain JavaScript, without a loader in the way.
  for (const source of ['load.ts', ...readdirSync(join(ROOT, 'bench', 'servers')).map((f) => join('servers', f))]) {
    if (!source.endsWith('.ts')) continue;
    const output = ts.transpileModule(readFileSync(join(ROOT, 'bench', source), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const target = join(JS, source.replace(/\.ts$/, '.mjs'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${type()} ${process.arch}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

async function main(): Promise<void> {
  const began = Date.now();
  build();
  log(
    `machine: ${machine()}; pinning ${TASKSET ? 'server to core 0, load to core 1 (taskset)' : 'unavailable'}; ` +
      `${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s per cell`,
  );
  const mainNames = SERVERS.map((s) => s.name).filter((name) => !name.includes('main.js'));
  const growthNames = ['portfolio-api (file)', 'portfolio-api (memory)', 'baseline (memory)', 'bare'];
  const inboxNames = ['portfolio-api (file)', 'portfolio-api (memory)', 'baseline (memory)', 'json-server 0.17'];

  if (TABLES.has('main')) {
    const data = dataSet(N);
    const defs = pickServers(mainNames);
    for (let round = 0; round < ROUNDS; round++) {
      log(`main table, round ${round + 1}/${ROUNDS}, N=${N}`);
      for (const def of alternate(defs, round))
        await measureServer(def, data, 'main', round, MAIN_ENDPOINTS, DURATION_S);
    }
  }
  if (TABLES.has('main')) {
    const defs = pickServers(STARTUP_NAMES);
    for (let round = 0; round < ROUNDS; round++) {
      log(`start-up with the sample data, round ${round + 1}/${ROUNDS}`);
      for (const def of alternate(defs, round)) await measureServer(def, sampleDataSet(), 'startup', round, [], 0);
    }
  }
  if (TABLES.has('scaling')) {
    const defs = pickServers(growthNames);
    for (const n of SCALING_NS) {
      const data = dataSet(n);
      for (let round = 0; round < SCALING_ROUNDS; round++) {
        log(`scaling, N=${n}, round ${round + 1}/${SCALING_ROUNDS}`);
        for (const def of alternate(defs, round))
          await measureServer(def, data, 'scaling', round, ['list', 'one'], SCALING_DURATION_S);
      }
    }
  }
  if (TABLES.has('inbox')) {
    const defs = pickServers(inboxNames);
    for (const count of INBOX_COUNTS) {
      const data = dataSet(1000, count);
      for (let round = 0; round < SCALING_ROUNDS; round++) {
        log(`inbox, ${count} stored messages, round ${round + 1}/${SCALING_ROUNDS}`);
        for (const def of alternate(defs, round)) {
          // json-server rewrites its whole database per write: past 10,000 messages a cell is minutes of timeouts.
          if (def.name.startsWith('json-server') && count > 10_000) continue;
          await measureServer(def, data, 'inbox', round, ['contact'], SCALING_DURATION_S);
        }
      }
    }
  }

  const minutes = ((Date.now() - began) / 60_000).toFixed(1);
  const report = [
    `# portfolio-api benchmark`,
    '',
    `${new Date().toISOString()} · ${machine()} · ${TASKSET ? 'server on core 0, load generator on core 1' : 'no CPU pinning'} · ` +
      `${CONNECTIONS} connections · ${WARMUP_S} s warm-up + ${DURATION_S} s per cell, ${ROUNDS} alternating rounds ` +
      `(growth tables: ${SCALING_WARMUP_S} s + ${SCALING_DURATION_S} s, ${SCALING_ROUNDS} rounds), medians · ` +
      `${QUICK ? 'quick' : 'full'} mode · ${minutes} min`,
    '',
  ];
  if (TABLES.has('main')) {
    report.push(
      `## Every server on the same data (N = ${N.toLocaleString('en-US')} projects, list filtered on tag \`${BENCH_TAG}\`, page 1 of 20)`,
      '',
      mainTable(cells, mainNames, ENDPOINTS),
      '',
      processTable(servers, mainNames),
      '',
      `Start-up to the first \`200\` with the sample data (${sampleDataSet().n} projects), median of ${ROUNDS}:`,
      '',
      startupTable(servers, STARTUP_NAMES),
      '',
    );
  }
  if (TABLES.has('scaling')) {
    report.push('## How reads grow with the number of projects', '', scalingTable(cells, growthNames, SCALING_NS), '');
  }
  if (TABLES.has('inbox')) {
    report.push(
      '## Contact POST as the inbox grows (N = 1,000)',
      '',
      inboxTable(cells, inboxNames, INBOX_COUNTS),
      '',
      'json-server writes its whole database file on every write; it is not run with 100,000 stored messages.',
      '',
    );
  }
  for (const s of skipped) notes.push(`${s.server} skipped: ${s.reason}`);
  if (notes.length > 0) report.push('Notes:', '', ...notes.map((n) => `- ${n}`), '');
  const text = report.join('\n');
  process.stdout.write(`\n${text}`);
  mkdirSync(CACHE, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(CACHE, `results-${stamp}.md`), text);
  writeFileSync(
    join(CACHE, `results-${stamp}.json`),
    JSON.stringify({ machine: machine(), cells, servers, skipped }, null, 1),
  );
  log(`\nresults: ${join(CACHE, `results-${stamp}.{md,json}`)}`);
}

main().catch((error: unknown) => {
  log(`bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
