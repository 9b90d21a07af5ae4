import { promises as fsp, unlinkSync } from 'node:fs';
import { errorCode } from './file-system.js';
import type { Logger } from './logger.js';

/**
 * Only one process may write a data file: two writers would each rewrite the
 * whole document from their own copy and lose the other's changes. The lock is
 * a file beside the data file holding the owner's pid, created exclusively.
 *
 * A lock left by a process that died is taken over. Two processes taking over
 * the same stale lock at the same instant could both succeed; that needs two
 * starts within microseconds after a crash and is accepted. A stale lock whose
 * pid was reused by an unrelated process is refused: the message says how to
 * remove it.
 */
export class DataFileLock {
  private released = false;
  private readonly onExit = () => this.releaseSync();

  private constructor(readonly path: string) {
    process.once('exit', this.onExit);
  }

  static async acquire(dataFile: string, logger: Logger): Promise<DataFileLock> {
    const path = `${dataFile}.lock`;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await tryCreate(path)) return new DataFileLock(path);
      const owner = await readOwner(path);
      if (owner === 'gone') continue;
      if (owner === 'unreadable') {
        throw new Error(
          `The data file ${dataFile} is locked by ${path}, which names no process. If no portfolio-api runs on this file, delete ${path}.`,
        );
      }
      if (isAlive(owner)) {
        throw new Error(
          `The data file ${dataFile} is in use by process ${owner} (lock file ${path}); only one process may write it. ` +
            `Stop that process, or delete ${path} if it is not a portfolio-api.`,
        );
      }
      logger.warn({ lockFile: path, pid: owner }, `taking over the lock of process ${owner}, which no longer runs`);
      await fsp.unlink(path).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    }
    throw new Error(`Could not lock the data file ${dataFile}: ${path} keeps reappearing`);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    await fsp.unlink(this.path).catch(() => undefined);
  }

  /** For process exit, where nothing asynchronous runs any more. */
  private releaseSync(): void {
    if (this.released) return;
    this.released = true;
    try {
      unlinkSync(this.path);
    } catch {
      // Best effort: the next start takes over a lock whose process is gone.
    }
  }
}

async function tryCreate(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await fsp.open(path, 'wx', 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    // Not flushed: after a power cut the owner is gone anyway, and a lost lock is as good as a stale one.
    await handle.writeFile(`${process.pid}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

/** The owner's pid; 'gone' when the lock vanished meanwhile; 'unreadable' when it names no pid. */
async function readOwner(path: string): Promise<number | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await fsp.readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  const pid = Number(text.trim());
  if (Number.isInteger(pid) && pid > 0) return pid;
  // Created but not yet written by an owner that is starting right now: look again shortly.
  if (text === '') {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await fsp.readFile(path, 'utf8').catch(() => null);
    if (again === null) return 'gone';
    const retried = Number(again.trim());
    if (Number.isInteger(retried) && retried > 0) return retried;
  }
  return 'unreadable';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) !== 'ESRCH';
  }
}
