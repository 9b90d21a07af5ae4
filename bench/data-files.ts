/**
 * The data sets on disk, one directory per (projects, stored messages), each
 * in every server's format, generated once and kept between runs while what
 * they are made from stays the same.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeContent } from '../src/adapters/persistence/file/content-document.js';
import { sampleContent } from '../src/adapters/sample/sample-content.js';
import type { Message } from '../src/domain/messages/message.js';
import { benchSlug, generateContent, generateMessages, jsonServerDocument } from './dataset.js';
import { CACHE, ROOT } from './options.js';

export interface DataSet {
  /** Projects. */
  readonly n: number;
  /** Messages already in the inbox. */
  readonly messages: number;
  readonly dir: string;
  /** The published project the one-by-slug requests fetch. */
  readonly slug: string;
}

const dataSets = new Map<string, DataSet>();

/** What the generated files depend on: the generator, this module, the sample content and the file adapter's format. */
const GENERATOR_VERSION = createHash('sha1')
  .update(
    [
      'bench/dataset.ts',
      'bench/data-files.ts',
      'src/adapters/sample/sample-content.ts',
      'src/adapters/persistence/file/content-document.ts',
    ]
      .map((path) => readFileSync(join(ROOT, path), 'utf8'))
      .join('\0'),
  )
  .digest('hex');

/**
 * Files: content.json (the content, for the memory launcher and `bare`),
 * portfolio.json and portfolio.messages.jsonl (the file adapter's data file
 * and inbox journal), messages.json, json-server.json.
 */
export function dataSet(n: number, messages = 0): DataSet {
  const key = `${n}-${messages}`;
  const known = dataSets.get(key);
  if (known) return known;
  const dir = join(CACHE, 'data', `n${n}-m${messages}`);
  const content = generateContent(n);
  const set = { n, messages, dir, slug: benchSlug(content) };
  dataSets.set(key, set);
  const stamp = join(dir, 'generated-by');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === GENERATOR_VERSION) return set;
  mkdirSync(dir, { recursive: true });
  const stored = generateMessages(messages);
  writeFileSync(join(dir, 'content.json'), JSON.stringify(content));
  writeFileSync(join(dir, 'portfolio.json'), serializeContent(content));
  writeFileSync(join(dir, 'messages.json'), JSON.stringify(stored));
  writeFileSync(join(dir, 'portfolio.messages.jsonl'), journalOf(stored));
  const db = jsonServerDocument(content) as { messages: unknown[] };
  db.messages = stored.map(({ version: _version, ...message }) => message);
  writeFileSync(join(dir, 'json-server.json'), JSON.stringify(db, null, 2));
  writeFileSync(stamp, GENERATOR_VERSION);
  return set;
}

/** The sample portfolio a new installation starts with: what the start-up target is about. */
export function sampleDataSet(): DataSet {
  const known = dataSets.get('sample');
  if (known) return known;
  const dir = join(CACHE, 'data', 'sample');
  mkdirSync(dir, { recursive: true });
  const content = sampleContent();
  writeFileSync(join(dir, 'content.json'), JSON.stringify(content));
  writeFileSync(join(dir, 'portfolio.json'), serializeContent(content));
  writeFileSync(join(dir, 'messages.json'), '[]');
  writeFileSync(join(dir, 'json-server.json'), JSON.stringify(jsonServerDocument(content), null, 2));
  const set = { n: content.projects.length, messages: 0, dir, slug: benchSlug(content) };
  dataSets.set('sample', set);
  return set;
}

/** The file adapter's message journal: one `put` event per line, oldest first. */
function journalOf(messages: readonly Message[]): string {
  return messages.map((message) => `${JSON.stringify({ op: 'put', message })}\n`).join('');
}
