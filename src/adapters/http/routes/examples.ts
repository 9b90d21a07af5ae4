import { sampleContent } from '../../sample/sample-content.js';
import { id } from '../../schemas/fields.js';
import type { PathParameter } from '../route.js';

/** The examples of the OpenAPI document: the sample portfolio, so that "Try it out" finds them on a new installation. */
export const sample = sampleContent();

/** A representation minus its read-only fields, as JSON: what a PUT of the same content sends. */
export function writable<T extends object>(representation: T, readOnly: readonly string[]): Partial<T> {
  const json = JSON.parse(JSON.stringify(representation)) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(json).filter(([key]) => !readOnly.includes(key))) as Partial<T>;
}

export const idParameter = (what: string, example: string): PathParameter => ({
  schema: id,
  description: `The ${what} id.`,
  example,
});

export const PAGING_DESCRIPTIONS = {
  page: '1-based page number. A page past the last one is an empty `data` array with correct `meta`.',
  limit: 'Page size.',
};
