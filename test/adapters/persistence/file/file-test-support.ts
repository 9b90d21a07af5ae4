import { readdir, rm } from 'node:fs/promises';
import {
  nodeFileSystem,
  type FileHandleLike,
  type FileSystem,
} from '../../../../src/adapters/persistence/file/file-system.js';
import type { Logger } from '../../../../src/adapters/persistence/file/logger.js';
import { makeTestDir } from '../../../support/temp-dir.js';

export async function makeTempDir(): Promise<string> {
  return makeTestDir('portfolio-file-');
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function temporaryFilesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
}

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly details: object;
  readonly message: string;
}

/** A logger that keeps what it is told, for assertions on warnings and errors. */
export function recordingLogger(): Logger & { readonly entries: LogEntry[]; at(level: LogEntry['level']): LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (details: object, message: string) =>
    void entries.push({ level, details, message });
  return {
    entries,
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    at: (level) => entries.filter((entry) => entry.level === level),
  };
}

/** Polls `check` until it returns true; fails after `timeoutMs` rather than sleeping a fixed time. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The real file system with switches: `failRenames` makes the rename of a
 * write fail with the given code, after its temporary file was written;
 * `failAppends` makes an append write half its data and then fail (only to
 * `failAppendsTo` when that is set). It
 * counts, per path, fsync and fdatasync calls (`flushesOf`), whole-file
 * reads (`readsOf`) and stat calls (`statsOf`).
 */
export class ControlledFileSystem implements FileSystem {
  failRenames: string | null = null;
  failAppends: string | null = null;
  failAppendsTo: string | null = null;
  private readonly calls = {
    flushes: new Map<string, number>(),
    reads: new Map<string, number>(),
    stats: new Map<string, number>(),
  };

  open = async (path: string, flags: string, mode?: number): Promise<FileHandleLike> => {
    const handle = await nodeFileSystem.open(path, flags, mode);
    const count = () => this.tally('flushes', path);
    return {
      writeFile: async (data) => {
        if (flags === 'a' && this.failAppends && (this.failAppendsTo === null || this.failAppendsTo === path)) {
          // Like a disk filling up mid-write: part of the data lands, then the error.
          await handle.writeFile(
            typeof data === 'string'
              ? data.slice(0, Math.ceil(data.length / 2))
              : data.subarray(0, Math.ceil(data.length / 2)),
          );
          throw errnoError(this.failAppends, 'write', path);
        }
        await handle.writeFile(data);
      },
      sync: async () => {
        count();
        await handle.sync();
      },
      datasync: async () => {
        count();
        await handle.datasync();
      },
      truncate: (length) => handle.truncate(length),
      close: () => handle.close(),
    };
  };

  readFile = (path: string) => {
    this.tally('reads', path);
    return nodeFileSystem.readFile(path);
  };
  stat = (path: string) => {
    this.tally('stats', path);
    return nodeFileSystem.stat(path);
  };
  unlink = (path: string) => nodeFileSystem.unlink(path);
  readdir = (path: string) => nodeFileSystem.readdir(path);
  mkdir = (path: string) => nodeFileSystem.mkdir(path);
  rename = async (from: string, to: string): Promise<void> => {
    if (this.failRenames) throw errnoError(this.failRenames, 'rename', from);
    await nodeFileSystem.rename(from, to);
  };

  flushesOf = (path: string): number => this.calls.flushes.get(path) ?? 0;
  readsOf = (path: string): number => this.calls.reads.get(path) ?? 0;
  statsOf = (path: string): number => this.calls.stats.get(path) ?? 0;

  private tally(kind: keyof ControlledFileSystem['calls'], path: string): void {
    this.calls[kind].set(path, (this.calls[kind].get(path) ?? 0) + 1);
  }
}

function errnoError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure, ${syscall} '${path}'`), { code, syscall, path });
}
