import * as v from 'valibot';
import { basename, dirname, join } from 'node:path';
import type { Webhook } from '../../../domain/webhooks/webhook.js';
import { StoredWebhookSchema } from '../../schemas/webhook.schema.js';
import { MemoryWebhookRepository } from '../memory/memory-webhook.repository.js';
import { writeFileAtomic } from './atomic-write.js';
import { describeIssue } from './document-issues.js';
import { readIfExists, type FileSystem } from './file-system.js';
import type { Logger } from './logger.js';
import { toWriteError } from './write-errors.js';

/** `data/portfolio.json` → `data/portfolio.webhooks.json`. */
export function webhooksPathFor(dataFile: string): string {
  return join(dirname(dataFile), `${basename(dataFile).replace(/\.json$/i, '')}.webhooks.json`);
}

/** The file holds every webhook's signing secret: readable by the service's user alone. */
const MODE = 0o600;
const FORMAT = 1;

const WebhooksDocumentSchema = v.strictObject(
  { format: v.literal(FORMAT, `Must be ${FORMAT}`), webhooks: v.array(StoredWebhookSchema, 'Must be an array') },
  'Unknown field',
);

/**
 * Webhooks of the file storage, in a JSON document beside the data file,
 * rewritten whole (they are few) with the data file's atomic write before a
 * change takes effect: as durable as the content, never readable by others.
 * A file that does not load stops start-up and is left as it is.
 */
export async function openFileWebhooks(options: {
  path: string;
  fs: FileSystem;
  logger: Logger;
}): Promise<MemoryWebhookRepository> {
  const { path, fs, logger } = options;
  const bytes = await readIfExists(fs, path);
  const webhooks = bytes === null ? [] : parse(path, bytes.toString('utf8'));
  return new MemoryWebhookRepository(webhooks, async (next) => {
    try {
      await writeFileAtomic(fs, path, serialize(next), MODE);
    } catch (error) {
      logger.error({ err: error, file: path }, 'writing the webhooks file failed');
      throw toWriteError(error, 'webhooks file');
    }
  });
}

function parse(path: string, text: string): Webhook[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `The webhooks file ${path} is not valid JSON (${(error as Error).message}); the file was not changed.`,
      { cause: error },
    );
  }
  const result = v.safeParse(WebhooksDocumentSchema, json, { abortEarly: false });
  if (!result.success) {
    const problems = result.issues.map((issue) => `  - ${describeIssue(issue)}`).join('\n');
    throw new Error(
      `The webhooks file ${path} is invalid:\n${problems}\nFix it and start again; the file was not changed.`,
    );
  }
  return result.output.webhooks;
}

function serialize(webhooks: readonly Webhook[]): string {
  return `${JSON.stringify({ format: FORMAT, webhooks }, null, 2)}\n`;
}
