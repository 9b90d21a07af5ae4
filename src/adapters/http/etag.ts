import { createHash } from 'node:crypto';

/** A strong validator: the hash of the exact bytes a GET of the resource sends. */
export function etagOf(bytes: string | Buffer): string {
  return `"${createHash('sha1').update(bytes).digest('base64url')}"`;
}

/**
 * RFC 9110: If-None-Match compares weakly (W/ ignored), If-Match strongly
 * (a weak tag never matches). `*` matches any current representation.
 */
export function matchesAny(header: string, etag: string, comparison: 'weak' | 'strong'): boolean {
  if (header.trim() === '') return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    if (tag.startsWith('W/')) return comparison === 'weak' && tag.slice(2) === etag;
    return tag === etag;
  });
}

/**
 * An entity tag as RFC 9110 writes it: optionally `W/`, then a quoted string
 * of visible characters other than `"`. A value wrapped in a second pair of
 * quotes, or not quoted at all, is none.
 */
const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/;

/** Whether an If-Match header is `*` or a comma-separated list of entity tags (empty elements allowed, as RFC 9110 lists). */
export function isWellFormedIfMatch(header: string): boolean {
  if (header.trim() === '*') return true;
  const tags = header
    .split(',')
    .map((candidate) => candidate.trim())
    .filter((candidate) => candidate !== '');
  return tags.length > 0 && tags.every((tag) => ENTITY_TAG.test(tag));
}
