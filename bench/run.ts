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
 *   npm run bench                 full run (about 14 minutes on a busy 2-core machine)
 *   npm run bench -- --quick      a few seconds per cell
 *   options: --rounds N --duration S --warmup S --connections C --n N
 *            --tables main,scaling,inbox --servers a,b,… --endpoints list,one,…
 *            --cpu-prof (portfolio-api writes .cpuprofile files) --no-build
 *            --baseline DIR (also run DIR/dist/main.js, a built checkout of
 *            another commit, e.g. a worktree of the previous one: before and
 *            after in one run)
 *
 * The modules: options.ts (flags, paths), dataset.ts (the generated
 * portfolio), data-files.ts (it on disk, per server), servers.ts (the servers
 * and their requests), processes.ts (starting and stopping them), build.ts
 * (what runs, built), load.ts (the load generator), measure.ts (cells),
 * report.ts (tables).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { buildAll } from './build.js';
import { dataSet, sampleDataSet } from './data-files.js';
import { BENCH_TAG } from './dataset.js';
import { alternate, measureServer, pickServers, results } from './measure.js';
import {
  CACHE,
  CONNECTIONS,
  DURATION_S,
  INBOX_COUNTS,
  N,
  QUICK,
  ROUNDS,
  SCALING_DURATION_S,
  SCALING_NS,
  SCALING_ROUNDS,
  SCALING_WARMUP_S,
  TABLES,
  WANTED_ENDPOINTS,
  WARMUP_S,
  log,
} from './options.js';
import { TASKSET } from './processes.js';
import { inboxTable, mainTable, processTable, scalingTable, startupTable } from './report.js';
import { ENDPOINTS, SERVERS } from './servers.js';

const MAIN_ENDPOINTS = ENDPOINTS.filter((name) => !WANTED_ENDPOINTS || WANTED_ENDPOINTS.includes(name));
const MAIN_NAMES = SERVERS.map((s) => s.name).filter((name) => !name.includes('main.js'));
const STARTUP_NAMES = [
  'portfolio-api (file)',
  'baseline (file)',
  'portfolio-api (memory, main.js)',
  'bare',
  'json-server 0.17',
];
const GROWTH_NAMES = ['portfolio-api (file)', 'baseline (file)', 'portfolio-api (memory)', 'bare'];
const INBOX_NAMES = ['portfolio-api (file)', 'baseline (file)', 'portfolio-api (memory)', 'json-server 0.17'];

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${type()} ${process.arch}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

async function runTables(): Promise<void> {
  if (TABLES.has('main')) {
    const data = dataSet(N);
    const defs = pickServers(SERVERS, MAIN_NAMES);
    for (let round = 0; round < ROUNDS; round++) {
      log(`main table, round ${round + 1}/${ROUNDS}, N=${N}`);
      for (const def of alternate(defs, round))
        await measureServer(def, data, 'main', round, MAIN_ENDPOINTS, DURATION_S);
    }
    const startup = pickServers(SERVERS, STARTUP_NAMES);
    for (let round = 0; round < ROUNDS; round++) {
      log(`start-up with the sample data, round ${round + 1}/${ROUNDS}`);
      for (const def of alternate(startup, round)) await measureServer(def, sampleDataSet(), 'startup', round, [], 0);
    }
  }
  if (TABLES.has('scaling')) {
    const defs = pickServers(SERVERS, GROWTH_NAMES);
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
    const defs = pickServers(SERVERS, INBOX_NAMES);
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
}

function report(minutes: string): string {
  const { cells, servers, skipped, notes } = results;
  const lines = [
    `# portfolio-api benchmark`,
    '',
    `${new Date().toISOString()} · ${machine()} · ${TASKSET ? 'server on core 0, load generator on core 1' : 'no CPU pinning'} · ` +
      `${CONNECTIONS} connections · ${WARMUP_S} s warm-up + ${DURATION_S} s per cell, ${ROUNDS} alternating rounds ` +
      `(growth tables: ${SCALING_WARMUP_S} s + ${SCALING_DURATION_S} s, ${SCALING_ROUNDS} rounds), medians · ` +
      `${QUICK ? 'quick' : 'full'} mode · ${minutes} min`,
    '',
  ];
  if (TABLES.has('main')) {
    lines.push(
      `## Every server on the same data (N = ${N.toLocaleString('en-US')} projects, list filtered on tag \`${BENCH_TAG}\`, page 1 of 20)`,
      '',
      mainTable(cells, MAIN_NAMES, ENDPOINTS),
      '',
      processTable(servers, MAIN_NAMES),
      '',
      `Start-up to the first \`200\` with the sample data (${sampleDataSet().n} projects), median of ${ROUNDS}:`,
      '',
      startupTable(servers, STARTUP_NAMES),
      '',
    );
  }
  if (TABLES.has('scaling')) {
    lines.push('## How reads grow with the number of projects', '', scalingTable(cells, GROWTH_NAMES, SCALING_NS), '');
  }
  if (TABLES.has('inbox')) {
    lines.push(
      '## Contact POST as the inbox grows (N = 1,000)',
      '',
      inboxTable(cells, INBOX_NAMES, INBOX_COUNTS),
      '',
      'json-server writes its whole database file on every write; it is not run with 100,000 stored messages.',
      '',
    );
  }
  const allNotes = [...notes, ...skipped.map((s) => `${s.server} skipped: ${s.reason}`)];
  if (allNotes.length > 0) lines.push('Notes:', '', ...allNotes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const began = Date.now();
  await buildAll();
  log(
    `machine: ${machine()}; pinning ${TASKSET ? 'server to core 0, load to core 1 (taskset)' : 'unavailable'}; ` +
      `${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s per cell`,
  );
  await runTables();
  const text = report(((Date.now() - began) / 60_000).toFixed(1));
  process.stdout.write(`\n${text}`);
  mkdirSync(CACHE, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(CACHE, `results-${stamp}.md`), text);
  const { cells, servers, skipped } = results;
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
