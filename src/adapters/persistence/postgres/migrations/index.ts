import { sql as textCollations } from './0001-text-collations.js';
import { sql as content } from './0002-content.js';
import { sql as messages } from './0003-messages.js';
import { sql as events } from './0004-events.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Applied in this order, each once. The SQL lives in TypeScript modules rather
 * than `.sql` files because the build (scripts/build.ts) bundles what is imported, nothing else.
 * Never edit one that has shipped: add the next instead.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'text-collations', sql: textCollations },
  { version: 2, name: 'content', sql: content },
  { version: 3, name: 'messages', sql: messages },
  { version: 4, name: 'events', sql: events },
];
