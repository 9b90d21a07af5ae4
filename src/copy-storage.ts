import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './adapters/config/config.js';
import { createLogger, synchronousStdout } from './adapters/system/logger.js';
import { copyStorage, describeCounts } from './application/storage-copy.service.js';
import { openStorage } from './composition-root.js';

const USAGE = `Copies everything (profile, projects, skills, experience, messages; ids, timestamps and versions kept)
from one storage to another.

  npm run storage:copy -- --from <storage> --to <storage> [--force]

  <storage> is  file:<path>  |  postgres://…  |  postgresql://…
  --force       replace the content of a target that is not empty

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
  const from = await openStorage(storageConfig(values.from, base), logger, { seed: false });
  try {
    const to = await openStorage(storageConfig(values.to, base), logger, { seed: false });
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
