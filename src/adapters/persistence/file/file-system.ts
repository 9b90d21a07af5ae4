import { promises as fsp } from 'node:fs';

/** The part of an open file the adapter uses. */
export interface FileHandleLike {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** What tells one version of a file from another without reading it (`stat` with bigint times). */
export interface FileStat {
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
}

/**
 * Every file operation of the adapter goes through this, so that a test can
 * make a write fail (tests run as root, where a read-only directory does not
 * stop writes) or count flushes.
 */
export interface FileSystem {
  open(path: string, flags: string, mode?: number): Promise<FileHandleLike>;
  readFile(path: string): Promise<Buffer>;
  stat(path: string): Promise<FileStat>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string): Promise<void>;
}

export const nodeFileSystem: FileSystem = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  readFile: (path) => fsp.readFile(path),
  stat: (path) => fsp.stat(path, { bigint: true }),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  readdir: (path) => fsp.readdir(path),
  mkdir: async (path) => {
    await fsp.mkdir(path, { recursive: true });
  },
};

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The file's bytes, or null when it does not exist. */
export async function readIfExists(fs: FileSystem, path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}
