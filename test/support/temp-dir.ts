import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the tests make their temporary directories: in memory (/dev/shm)
 * where the system has it. The file adapter fsyncs every write, and the
 * file tests make a few thousand; on a disk each fsync costs milliseconds.
 * In memory every behaviour the tests check stays the same (atomic renames,
 * locks, torn writes, a writer killed mid-burst); only the guarantee against
 * power loss, which no test can observe, is not exercised.
 */
export const TEST_TMP = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** A new empty directory under TEST_TMP; the caller removes it. */
export function makeTestDir(prefix: string): Promise<string> {
  return mkdtemp(join(TEST_TMP, prefix));
}
