import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './adapters/config/config.js';
import { createLogger, synchronousStdout } from './adapters/system/logger.js';
import { copyStorage, describeCounts } from './application/storage-copy.service.js';
import { DataFileInUseError } from './adapters/persistence/file/data-file-lock.js';
import { openStorage, openStorageToRead } from './composition-root.js';

const USAGE = `Copies everything (profile, projects, skills, experience, messages; ids, timestamps and versions kept)
from one storage to another.

  npm run storage:copy -- --from <storage> --to <storage> [--force]

  <storage> is  file:<path>  |  postgres://…  |  postgresql://…
  --force       replace the content of a target that is not empty

A data file a running service uses:
  --from file:<path>  works: the file and its inbox (<name>.messages.jsonl) are only read, each as it
                      is at that instant; the service goes on undisturbed.
  --to file:<path>    is refused: only one process may write a data file. Stop the service, copy,
                      then start it again.

Examples:
  npm run storage:copy -- --from file:data/portfolio.json --to postgres://postgres@127.0.0.1:5432/portfolio
  npm run storage:copy -- --from postgres://postgres@127.0.0.1:5432/portfolio --to file:backup.json`;

/** A storage named on the command line, as the configuration the composition root understands. */
export function storageConfig(spec: string, base: Config): Config {
  if (spec.startsWith('file:') && spec.length > 5) return { ...base, storage: 'file', dataFile: spec.slice(5) };
  if (/^postgres(ql)?:\/\//.test(spec)) return { ...base, storage: 'postgres', databaseUrl: spec };
  throw new Error(`'${spec}' is not a storage: use file:<path> or a postgres:// URL`);
}

/** A connection string's password stays out of the output. */
function redact(spec: string): string {
  if (!/^postgres(ql)?:\/\//.test(spec)) return spec;
  const url = new URL(spec);
  if (url.password) url.password = '***';
  return url.toString();
}

/** What the copy can and cannot do with a data file that a service runs on. */
function cannotWriteInUse(error: DataFileInUseError): Error {
  return new Error(
    `cannot write to ${error.dataFile}: it is in use by ${error.holder}, and only one process may write a data file ` +
      `(lock file ${error.lockFile}). Stop the service, run the copy again, then start the service. ` +
      'Copying from a data file in use works: it is only read.',
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.from || !values.to) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  // The copy creates nothing on its own: an empty new data file must not be filled with the sample portfolio.
  const base = { ...loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }), seedSampleData: false };
  const logger = createLogger(base.logLevel, synchronousStdout());
  const from = await openStorageToRead(storageConfig(values.from, base), logger);
  try {
    const to = await openStorage(storageConfig(values.to, base), logger, { seed: false }).catch((error: unknown) => {
      throw error instanceof DataFileInUseError ? cannotWriteInUse(error) : error;
    });
    try {
      const copied = await copyStorage(from, to, { force: values.force });
      process.stdout.write(`Copied ${describeCounts(copied)} from ${redact(values.from)} to ${redact(values.to)}\n`);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`storage:copy failed: ${(error as Error).message}\n`);
  process.exit(1);
});
