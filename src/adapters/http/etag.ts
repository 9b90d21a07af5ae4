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
