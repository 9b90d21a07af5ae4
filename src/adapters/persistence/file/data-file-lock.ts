import { promises as fsp, unlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from './file-system.js';
import type { Logger } from './logger.js';

/** How often the holder touches the lock file, so that a process that cannot see it can tell it lives. */
const HEARTBEAT_MS = 1000;
/** A lock of a process we cannot see that has not been touched for this long belongs to a dead process. */
const STALE_MS = 5000;
const POLL_MS = 200;

/**
 * Who holds a lock. `pid` is only meaningful inside `scope`, the boot and PID
 * namespace it was taken in: a container gets a new PID namespace at each
 * start, where node is PID 1 again. `startTime` (clock ticks after boot, from
 * /proc) tells a process from a later one that got its pid. Where /proc is
 * absent (macOS) only `pid` is known; a lock of an older version holds only
 * that too.
 */
interface Holder {
  readonly pid: number;
  readonly startTime?: string;
  readonly scope?: string;
}

/** The locks this process holds: a lock naming our own pid is ours only if it is in here. */
const held = new Set<string>();

/**
 * Only one process may write a data file: two writers would each rewrite the
 * whole document from their own copy and lose the other's changes. The lock is
 * a file beside the data file naming its holder, created exclusively.
 *
 * A lock whose holder is in this boot and PID namespace is judged at once: it
 * is stale when the process is gone, when its pid now belongs to a process
 * that started later, or when it names this process's pid without this process
 * holding it (a container's earlier PID 1). A holder we cannot see (another
 * container, another boot, another machine) keeps the lock file's time fresh
 * while it lives; its lock is taken over once that time is older than
 * STALE_MS, which start-up waits for, and refused as soon as it moves.
 *
 * Two processes taking over the same stale lock at the same instant could both
 * succeed; that needs two starts within microseconds after a crash and is
 * accepted.
 */
export class DataFileLock {
  private released = false;
  private readonly onExit = () => this.releaseSync();
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(readonly path: string) {
    held.add(path);
    process.once('exit', this.onExit);
    this.heartbeat = setInterval(() => {
      const now = new Date();
      fsp.utimes(path, now, now).catch(() => undefined);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  static async acquire(dataFile: string, logger: Logger): Promise<DataFileLock> {
    const path = `${dataFile}.lock`;
    const self = await ownIdentity();
    let firstSeen: number | undefined;
    let waitLogged = false;
    for (let takeovers = 0; takeovers < 5;) {
      if (await tryCreate(path, self)) return new DataFileLock(path);
      const found = await readLock(path);
      if (found === 'gone') {
        takeovers++;
        continue;
      }
      if (found === 'unreadable') {
        throw new Error(
          `The data file ${dataFile} is locked by ${path}, which names no process. If no portfolio-api runs on this file, delete ${path}.`,
        );
      }
      const { holder, touchedAt } = found;
      const verdict = await judge(holder, self, path);
      if (verdict === 'alive') throw inUse(dataFile, path, `process ${holder.pid}`);
      if (verdict === 'unseen') {
        const silentFor = Date.now() - touchedAt;
        firstSeen ??= touchedAt;
        if (touchedAt > firstSeen) {
          throw inUse(
            dataFile,
            path,
            `process ${holder.pid} of another PID namespace or machine, which keeps it fresh`,
          );
        }
        if (silentFor < STALE_MS) {
          if (!waitLogged) {
            logger.info(
              { lockFile: path, pid: holder.pid },
              `waiting up to ${Math.ceil((STALE_MS - silentFor) / 1000)} s to see whether the process that locked the data file (process ${holder.pid} of another PID namespace or machine) still runs`,
            );
            waitLogged = true;
          }
          await sleep(POLL_MS);
          continue;
        }
        logger.warn(
          { lockFile: path, pid: holder.pid },
          `taking over the lock of process ${holder.pid} of another PID namespace or machine, untouched for ${Math.floor(silentFor / 1000)} s`,
        );
      } else {
        logger.warn(
          { lockFile: path, pid: holder.pid },
          `taking over the lock of process ${holder.pid}, which no longer runs`,
        );
      }
      await fsp.unlink(path).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
      takeovers++;
      firstSeen = undefined;
    }
    throw new Error(`Could not lock the data file ${dataFile}: ${path} keeps reappearing`);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.forget();
    await fsp.unlink(this.path).catch(() => undefined);
  }

  /** For process exit, where nothing asynchronous runs any more. */
  private releaseSync(): void {
    if (this.released) return;
    this.released = true;
    this.forget();
    try {
      unlinkSync(this.path);
    } catch {
      // Best effort: the next start takes over a lock whose process is gone.
    }
  }

  private forget(): void {
    clearInterval(this.heartbeat);
    held.delete(this.path);
    process.removeListener('exit', this.onExit);
  }
}

function inUse(dataFile: string, path: string, holder: string): Error {
  return new Error(
    `The data file ${dataFile} is in use by ${holder} (lock file ${path}); only one process may write it. ` +
      `Stop that process, or delete ${path} if it is not a portfolio-api.`,
  );
}

/** 'alive' and 'stale' are certain; 'unseen': the holder is in another PID namespace or boot, judged by the heartbeat. */
async function judge(holder: Holder, self: Holder, path: string): Promise<'alive' | 'stale' | 'unseen'> {
  if (holder.scope !== undefined && holder.scope !== self.scope) return 'unseen';
  if (holder.pid === self.pid) return held.has(path) ? 'alive' : 'stale';
  if (!isAlive(holder.pid)) return 'stale';
  if (holder.startTime !== undefined) {
    const now = await startTimeOf(holder.pid);
    if (now !== undefined && now !== holder.startTime) return 'stale';
  }
  return 'alive';
}

async function tryCreate(path: string, self: Holder): Promise<boolean> {
  let handle;
  try {
    handle = await fsp.open(path, 'wx', 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    // Not flushed: after a power cut the holder is gone anyway, and a lost lock is as good as a stale one.
    await handle.writeFile(`${JSON.stringify(self)}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

/** The holder and when the lock was last touched; 'gone' when it vanished meanwhile; 'unreadable' when it names no one. */
async function readLock(path: string): Promise<{ holder: Holder; touchedAt: number } | 'gone' | 'unreadable'> {
  for (let look = 0; look < 2; look++) {
    let text: string;
    let touchedAt: number;
    try {
      touchedAt = (await fsp.stat(path)).mtimeMs;
      text = await fsp.readFile(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 'gone';
      throw error;
    }
    const holder = parseHolder(text);
    if (holder) return { holder, touchedAt };
    // Created but not yet written by a holder that is starting right now: look again shortly.
    if (text !== '') break;
    await sleep(50);
  }
  return 'unreadable';
}

/** `{"pid":…,"startTime":…,"scope":…}`, or a bare pid as older versions wrote it. */
function parseHolder(text: string): Holder | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return validPid(Number(trimmed)) ? { pid: Number(trimmed) } : undefined;
  try {
    const { pid, startTime, scope } = JSON.parse(trimmed) as Record<string, unknown>;
    if (typeof pid !== 'number' || !validPid(pid)) return undefined;
    return {
      pid,
      ...(typeof startTime === 'string' && { startTime }),
      ...(typeof scope === 'string' && { scope }),
    };
  } catch {
    return undefined;
  }
}

const validPid = (pid: number): boolean => Number.isInteger(pid) && pid > 0;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) !== 'ESRCH';
  }
}

async function ownIdentity(): Promise<Holder> {
  const [startTime, bootId, namespace] = await Promise.all([
    startTimeOf(process.pid),
    fsp.readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
      (text) => text.trim(),
      () => undefined,
    ),
    fsp.readlink('/proc/self/ns/pid').catch(() => undefined),
  ]);
  return {
    pid: process.pid,
    ...(startTime !== undefined && { startTime }),
    ...(bootId !== undefined && namespace !== undefined && { scope: `${bootId}/${namespace}` }),
  };
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot. Undefined without /proc. */
async function startTimeOf(pid: number): Promise<string | undefined> {
  try {
    const stat = await fsp.readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' do not.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
