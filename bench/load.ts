/**
 * The load generator, run as its own process (pinned to its own core by the
 * orchestrator): warms up, then measures one cell with autocannon and prints
 * one JSON line. Latencies are collected here at microsecond precision, since
 * autocannon's own histogram rounds to whole milliseconds. The server's CPU
 * time is read from /proc right around the measured run.
 *
 *   node load.mjs '{"url":…,"connections":10,"durationS":5,"warmupS":1,"pid":1234}'
 *
 * Bundled with autocannon (bench/build.ts), so it runs from anywhere.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface LoadSpec {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  /** The server process, for its CPU time. */
  readonly pid?: number;
  /** The status every answer should have; default: any 2xx. */
  readonly expectStatus?: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  /** Answers whose status was not the expected one. */
  readonly unexpected: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly bytesPerResponse: number;
  /** Server CPU (user + system) per request in microseconds; null where /proc is missing. */
  readonly cpuUsPerRequest: number | null;
  readonly statusCodes: Record<string, number>;
}

const CLOCK_TICKS_PER_S = 100;

/** utime + stime of a process, in seconds; null off Linux. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function options(spec: LoadSpec, durationS: number): object {
  return {
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    body: spec.body,
    connections: spec.connections,
    pipelining: 1,
    duration: durationS,
    timeout: 10,
  };
}

export async function measure(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmupS > 0) await autocannon(options(spec, spec.warmupS));
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const cpuBefore = spec.pid === undefined ? null : cpuSeconds(spec.pid);
  const run = autocannon(options(spec, spec.durationS));
  const expected = (status: number) =>
    spec.expectStatus === undefined ? status >= 200 && status < 300 : status === spec.expectStatus;
  let unexpected = 0;
  run.on('response', (_client, status, _bytes, ms) => {
    if (!expected(status)) {
      unexpected++;
      return;
    }
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = ms;
  });
  const result = await run;
  const cpuAfter = spec.pid === undefined ? null : cpuSeconds(spec.pid);
  const sorted = latencies.subarray(0, count).sort();
  const requests = result.requests.total;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  return {
    requests,
    rps: requests / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx: result.non2xx,
    unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: requests > 0 ? result.throughput.total / requests : 0,
    cpuUsPerRequest:
      cpuBefore === null || cpuAfter === null || requests === 0 ? null : ((cpuAfter - cpuBefore) * 1e6) / requests,
    statusCodes,
  };
}

if (process.argv[2]) {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  measure(spec).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`load failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
