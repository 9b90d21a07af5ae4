/** Markdown tables from the benchmark's measurements: medians over rounds, ratios to `bare`. */
import type { LoadResult } from './load.js';

export interface CellRecord {
  readonly table: 'main' | 'scaling' | 'inbox';
  readonly server: string;
  readonly endpoint: string;
  /** Projects in the data set. */
  readonly n: number;
  /** Messages already stored. */
  readonly messages: number;
  readonly round: number;
  readonly result: LoadResult;
}

export interface ServerRecord {
  readonly table: 'main' | 'scaling' | 'inbox' | 'startup';
  readonly server: string;
  readonly n: number;
  readonly messages: number;
  readonly round: number;
  readonly startupMs: number;
  readonly rssMb: number | null;
}

export interface Skipped {
  readonly server: string;
  readonly reason: string;
}

export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? fmt(value, 2) : fmt(value, 1)) : '—');
const ratio = (value: number) => (Number.isFinite(value) ? `${value < 0.1 ? fmt(value, 3) : fmt(value, 2)}×` : '—');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const align = header.map((_, i) => (i < 2 ? '---' : '---:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export interface Summary {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly cpuUs: number;
  readonly bytes: number;
  readonly rounds: number;
}

export function summarize(cells: readonly CellRecord[]): Summary {
  const results = cells.map((c) => c.result);
  return {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    non2xx: sum(results.map((r) => r.unexpected)),
    errors: sum(results.map((r) => r.errors + r.timeouts)),
    cpuUs: median(results.map((r) => r.cpuUsPerRequest ?? NaN)),
    bytes: median(results.map((r) => r.bytesPerResponse)),
    rounds: results.length,
  };
}

/** The main table: every server on every endpoint, medians over rounds, ratios to bare. */
export function mainTable(
  cells: readonly CellRecord[],
  servers: readonly string[],
  endpoints: readonly string[],
): string {
  const main = cells.filter((c) => c.table === 'main');
  const rows: string[][] = [];
  for (const endpoint of endpoints) {
    const bare = summarize(main.filter((c) => c.server === 'bare' && c.endpoint === endpoint));
    for (const server of servers) {
      const mine = main.filter((c) => c.server === server && c.endpoint === endpoint);
      if (mine.length === 0) continue;
      const s = summarize(mine);
      rows.push([
        endpoint,
        server,
        fmt(s.rps),
        ratio(s.rps / bare.rps),
        ms(s.p50),
        ms(s.p99),
        ratio(s.p99 / bare.p99),
        fmt(s.cpuUs),
        ratio(s.cpuUs / bare.cpuUs),
        fmt(s.non2xx),
        fmt(s.errors),
        fmt(s.bytes),
      ]);
    }
  }
  return table(
    [
      'endpoint',
      'server',
      'req/s',
      '× bare',
      'p50 ms',
      'p99 ms',
      'p99 × bare',
      'server CPU µs/req',
      'CPU × bare',
      'unexpected status',
      'errors',
      'bytes/resp',
    ],
    rows,
  );
}

/** Start-up and memory, per server: medians over rounds. */
export function processTable(records: readonly ServerRecord[], servers: readonly string[]): string {
  const main = records.filter((r) => r.table === 'main');
  const bareRss = median(main.filter((r) => r.server === 'bare').map((r) => r.rssMb ?? NaN));
  const rows = servers
    .filter((server) => main.some((r) => r.server === server))
    .map((server) => {
      const mine = main.filter((r) => r.server === server);
      const rss = median(mine.map((r) => r.rssMb ?? NaN));
      return [server, '', ms(median(mine.map((r) => r.startupMs))), fmt(rss, 1), ratio(rss / bareRss)];
    });
  return table(['server', '', 'start-up to first 200, ms', 'RSS after load, MB', 'RSS × bare'], rows);
}

/** How list and one-by-slug cost grows with N. */
export function scalingTable(cells: readonly CellRecord[], servers: readonly string[], ns: readonly number[]): string {
  const scaling = cells.filter((c) => c.table === 'scaling');
  const rows: string[][] = [];
  for (const endpoint of [...new Set(scaling.map((c) => c.endpoint))]) {
    for (const server of servers) {
      const at = (n: number) =>
        summarize(scaling.filter((c) => c.server === server && c.endpoint === endpoint && c.n === n));
      if (!scaling.some((c) => c.server === server && c.endpoint === endpoint)) continue;
      const summaries = ns.map(at);
      const base = at(1000);
      const last = summaries[summaries.length - 1]!;
      rows.push([
        endpoint,
        server,
        ...summaries.map((s) => `${fmt(s.rps)} / ${ms(s.p50)}`),
        ratio(base.rps / last.rps),
      ]);
    }
  }
  return table(
    [
      'endpoint',
      'server',
      ...ns.map((n) => `N=${fmt(n)}: req/s / p50 ms`),
      `time per request, N=${fmt(ns[ns.length - 1]!)} ÷ N=1,000`,
    ],
    rows,
  );
}

/** Contact POST latency as the inbox grows. */
export function inboxTable(
  cells: readonly CellRecord[],
  servers: readonly string[],
  counts: readonly number[],
): string {
  const inbox = cells.filter((c) => c.table === 'inbox');
  const rows: string[][] = [];
  for (const server of servers) {
    if (!inbox.some((c) => c.server === server)) continue;
    const at = (count: number) => summarize(inbox.filter((c) => c.server === server && c.messages === count));
    const summaries = counts.map(at);
    const first = summaries[0]!;
    const last = summaries[summaries.length - 1]!;
    rows.push([
      'contact POST',
      server,
      ...summaries.map((s) => `${fmt(s.rps)} / ${ms(s.p50)} / ${ms(s.p99)}`),
      ratio(last.p50 / first.p50),
      fmt(sum(summaries.map((s) => s.non2xx + s.errors))),
    ]);
  }
  return table(
    [
      'endpoint',
      'server',
      ...counts.map((count) => `${fmt(count)} stored: req/s / p50 / p99 ms`),
      `p50, ${fmt(counts[counts.length - 1]!)} ÷ ${fmt(counts[0]!)}`,
      'unexpected + errors',
    ],
    rows,
  );
}

/** Start-up to the first 200 with the sample data. */
export function startupTable(records: readonly ServerRecord[], servers: readonly string[]): string {
  const startup = records.filter((r) => r.table === 'startup');
  const rows = servers
    .filter((server) => startup.some((r) => r.server === server))
    .map((server) => [server, '', ms(median(startup.filter((r) => r.server === server).map((r) => r.startupMs)))]);
  return table(['server', '', 'start-up to first 200, ms'], rows);
}
