/** Measuring: one server started per (table, round), a warm-up, then one load cell per endpoint. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DataSet } from './data-files.js';
import type { LoadResult, LoadSpec } from './load.js';
import {
  CONNECTIONS,
  HOST,
  JS,
  log,
  ROOT,
  SCALING_WARMUP_S,
  SERVER_WARMUP_S,
  WANTED_SERVERS,
  WARMUP_S,
} from './options.js';
import { CannotStart, freePort, pinned, request, rssMb, start, stop, workDir, type Running } from './processes.js';
import type { CellRecord, ServerRecord, Skipped } from './report.js';
import type { Endpoint, EndpointName, ServerDef } from './servers.js';

/** Everything measured in this run, for the report. */
export const results = {
  cells: [] as CellRecord[],
  servers: [] as ServerRecord[],
  skipped: [] as Skipped[],
  notes: [] as string[],
};

/** Servers that cannot start at all in this checkout: skipped from then on. */
const unavailable = new Set<string>();

/** The servers of `names` that `--servers` asks for, in the order of `defs`. */
export function pickServers(defs: readonly ServerDef[], names: readonly string[]): ServerDef[] {
  return defs.filter(
    (def) =>
      names.includes(def.name) &&
      (!WANTED_SERVERS || WANTED_SERVERS.some((wanted) => def.name.toLowerCase().includes(wanted))),
  );
}

/** A, B, C … then C, B, A …: each server sees the machine's drift from both sides. */
export const alternate = <T>(items: readonly T[], round: number): T[] =>
  round % 2 === 0 ? [...items] : [...items].reverse();

/** The load generator (load.ts) in its own process on core 1; its last line is the result. */
function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const [command, args] = pinned(1, process.execPath, [join(JS, 'bench', 'load.mjs'), JSON.stringify(spec)]);
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

/**
 * Every read the server is about to be measured on, once over, before any
 * cell: otherwise the first cell also pays for the JIT compiling the
 * framework's request path, which a bare server barely has.
 */
async function warmUp(running: Running, endpoints: readonly Endpoint[], seconds: number): Promise<void> {
  for (const endpoint of endpoints) {
    if (endpoint.method !== 'GET' || endpoint.conditional) continue;
    await runLoad({ url: running.base + endpoint.path, connections: CONNECTIONS, durationS: seconds, warmupS: 0 });
  }
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

/**
 * Starts `def` on `data`, measures each of `wanted` it answers, records its
 * start-up time and its memory after the load, and stops it. A `startup`
 * table only starts and stops.
 */
export async function measureServer(
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
    const dir = workDir(def.name);
    const port = await freePort();
    running = await start(def.name, def.launch(port, dir, data), dir, `http://${HOST}:${port}${def.probe}`);
  } catch (error) {
    const reason = (error as Error).message;
    if (error instanceof CannotStart) unavailable.add(def.name);
    if (!results.skipped.some((s) => s.server === def.name && s.reason === reason))
      results.skipped.push({ server: def.name, reason });
    log(`  ${def.name}: skipped: ${reason}`);
    return;
  }
  try {
    const endpoints = def.endpoints(data);
    const main = table === 'main';
    await warmUp(
      running,
      wanted.map((name) => endpoints[name]).filter((e): e is Endpoint => e !== undefined),
      main ? SERVER_WARMUP_S : SCALING_WARMUP_S,
    );
    for (const name of wanted) {
      const endpoint = endpoints[name];
      if (!endpoint) continue;
      const result = await cell(running, endpoint, durationS, main ? WARMUP_S : SCALING_WARMUP_S);
      if (!result) {
        log(`  ${def.name} ${name}: no ETag, skipped`);
        continue;
      }
      if (table === 'startup') continue;
      results.cells.push({
        table,
        server: def.name,
        endpoint: name,
        n: data.n,
        messages: data.messages,
        round,
        result,
      });
      log(
        `  ${def.name.padEnd(24)} ${name.padEnd(14)} N=${data.n} msgs=${data.messages}: ` +
          `${result.rps.toFixed(0)} req/s, p50 ${Number(result.p50 ?? NaN).toFixed(2)} ms, ` +
          `p99 ${Number(result.p99 ?? NaN).toFixed(2)} ms` +
          `${result.unexpected + result.errors > 0 ? `, unexpected ${result.unexpected}, errors ${result.errors}` : ''}`,
      );
    }
    results.servers.push({
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
