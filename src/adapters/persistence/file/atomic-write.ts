import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { errorCode, type FileSystem } from './file-system.js';

/**
 * Replaces `path` with `data` so that a crash at any instant leaves either the
 * old or the new file: the data goes to a temporary file in the same directory
 * (a rename is atomic only within one file system), is flushed, renamed over
 * the target, and the directory is flushed so that the rename itself survives
 * a power cut. On failure the temporary file is removed and the target is
 * untouched. `mode` is the new file's (a secret-holding file passes 0o600).
 */
export async function writeFileAtomic(fs: FileSystem, path: string, data: string, mode = 0o644): Promise<void> {
  const temporary = temporaryPathFor(path);
  try {
    const handle = await fs.open(temporary, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, dirname(path));
}

/** Makes a created or renamed entry of `directory` durable. */
export async function syncDirectory(fs: FileSystem, directory: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(directory, 'r');
  } catch (error) {
    // Some platforms (Windows) cannot open a directory; the rename is then as durable as they make it.
    if (['EISDIR', 'EPERM', 'EACCES'].includes(errorCode(error) ?? '')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!['EINVAL', 'EBADF', 'EPERM'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/** Hidden, unique per write, and recognisable as ours: `.portfolio.json.<pid>.<random>.tmp`. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Deletes the temporary files an interrupted write of `path` left behind.
 * Only the lock holder may call this: a temporary file of a live writer
 * would otherwise vanish under it.
 */
export async function removeStrayTemporaryFiles(fs: FileSystem, path: string): Promise<string[]> {
  const ours = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.\\d+\\.[0-9a-f]{12}\\.tmp$`);
  const names = (await fs.readdir(dirname(path))).filter((name) => ours.test(name));
  for (const name of names) await fs.unlink(join(dirname(path), name)).catch(() => undefined);
  return names;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
