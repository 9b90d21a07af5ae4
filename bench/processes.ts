/** Server processes: pinned to a core, started until they answer, stopped, and their memory read. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { CACHE, HOST } from './options.js';

/** Servers on core 0, the load generator on core 1, where `taskset` and two cores exist. */
export const TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0 && cpus().length >= 2;

export const pinned = (core: number, command: string, args: string[]): [string, string[]] =>
  TASKSET ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];

export interface Launch {
  readonly command: string;
  readonly args: string[];
  readonly env: Record<string, string>;
}

export interface Running {
  readonly child: ChildProcess;
  readonly startupMs: number;
  readonly base: string;
}

/** A server that cannot start at all in this checkout: it is skipped from then on. */
export class CannotStart extends Error {}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function request(url: string, headers: Record<string, string> = {}): Promise<Reply> {
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

export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

let workCounter = 0;
const WORK = join(CACHE, 'work', String(process.pid));

/** A fresh work directory for one server start, named after the server. */
export function workDir(name: string): string {
  const dir = join(WORK, `${workCounter++}-${name.replace(/[^a-z0-9.]+/gi, '-')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Starts `launch` in `dir` on core 0, its output to `dir/server.log`, and
 * resolves once `probeUrl` answers 200: the start-up time is until then.
 */
export async function start(name: string, launch: Launch, dir: string, probeUrl: string): Promise<Running> {
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
  const deadline = started + 120_000;
  for (;;) {
    if (exited !== null) {
      const tail = readFileSync(join(dir, 'server.log'), 'utf8').trim().split('\n').slice(-3).join(' | ');
      throw new CannotStart(`${name} ${String(exited)} before answering: ${tail.slice(0, 400)}`);
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer within 120 s`);
    }
    try {
      const reply = await request(probeUrl);
      if (reply.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, startupMs: performance.now() - started, base: new URL(probeUrl).origin };
}

export async function stop({ child }: Running): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
