import type { Context, Middleware } from 'koa';
import inflate from 'inflation';
import getRawBody from 'raw-body';
import typeIs from 'type-is';
import { HttpProblem, validationProblem } from '../problem.js';
import type { AppState } from '../state.js';

declare module 'koa' {
  interface Request {
    /** The body a route's body step read. */
    body?: unknown;
  }
}

/** The media types a route may take a body in. */
export type BodyMedia = 'json';

/** Makes the body-reading step of a route that takes a body in these media types. */
export type BodyReader = (media: readonly BodyMedia[]) => Middleware<AppState>;

/** The body step of every route that takes a body: the limit comes from the configuration, by closure. */
export function bodyReader(limitBytes: number): BodyReader {
  return () => async (ctx, next) => {
    ctx.request.body = await readJsonBody(ctx, limitBytes);
    await next();
  };
}

/** Keys that could reach an object's prototype if the body were ever merged into one. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * No resource nests deeper than three levels (a project's `links`). A body
 * nested thousands deep, which fits in 100 kB, would overflow the stack of
 * every recursive walk after JSON.parse: the first walk, for prototype keys,
 * refuses it on reaching this depth.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Reads a write's JSON body. Routes put it after their access check, so an
 * unauthorised client learns nothing from body errors. Another media type is a
 * 415, the limit counts decoded bytes (a gzip body is inflated first), and
 * empty bodies, non-objects and prototype keys are 400s.
 */
async function readJsonBody(ctx: Context, limitBytes: number): Promise<object> {
  const hasBody = ctx.request.length > 0 || ctx.get('Transfer-Encoding') !== '';
  const type = ctx.get('Content-Type');
  if (type === '' ? hasBody : !typeIs.is(type, ['application/json', '+json'])) {
    throw new HttpProblem('unsupported-media-type', 'The request body must be application/json');
  }
  // Charset names are case-insensitive: `charset=UTF-8` is UTF-8.
  const charset = ctx.request.charset.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpProblem('unsupported-media-type', 'The request body must be encoded as UTF-8');
  }
  const text = hasBody ? await readDecoded(ctx, limitBytes) : '';
  if (text.trim() === '')
    throw validationProblem([{ path: '', message: 'A JSON object is required' }], 'The request body is empty');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpProblem('malformed-json', 'The request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationProblem([{ path: '', message: 'Must be a JSON object' }], 'The request body must be a JSON object');
  }
  const forbidden = forbiddenKeyPaths(body);
  if (forbidden.length > 0) {
    throw validationProblem(forbidden.map((path) => ({ path, message: 'Forbidden key' })));
  }
  return body;
}

/** Refuses bytes that are not UTF-8 rather than storing U+FFFD in their place; drops a leading BOM. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text. */
async function readDecoded(ctx: Context, limitBytes: number): Promise<string> {
  const bytes = await readInflated(ctx, limitBytes);
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new HttpProblem('malformed-json', 'The request body is not valid UTF-8');
  }
}

/** The body's bytes, inflated first when it is compressed; the limit applies to the inflated bytes. */
async function readInflated(ctx: Context, limitBytes: number): Promise<Buffer> {
  // Content-coding names are case-insensitive (RFC 9110 8.4.1); inflation knows only the lower-case ones.
  const encoding = ctx.get('Content-Encoding').trim().toLowerCase() || 'identity';
  try {
    // @types/inflation names this option `gzip`; inflation itself reads `encoding`.
    const options = { encoding } as inflate.Options;
    return await getRawBody(inflate(ctx.req, options), { limit: limitBytes });
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    if (status === 415) {
      throw new HttpProblem(
        'unsupported-media-type',
        'The Content-Encoding of the request body is not supported: send it as is, or as gzip, deflate or br',
      );
    }
    // The decompressor's errors (corrupt or truncated gzip, deflate, br) carry no HTTP status: they are the client's.
    if (encoding !== 'identity' && typeof status !== 'number') {
      throw new HttpProblem('malformed-json', 'The request body could not be decoded');
    }
    throw error;
  }
}

/**
 * JSON.parse makes `__proto__` an own property, so a walk sees it like any
 * other key. The walk goes no deeper than MAX_BODY_DEPTH: a body nested
 * further is refused there.
 */
function forbiddenKeyPaths(value: unknown, prefix = '', level = 1): string[] {
  if (typeof value !== 'object' || value === null) return [];
  if (level > MAX_BODY_DEPTH) {
    throw validationProblem(
      [{ path: prefix, message: `Must not nest deeper than ${MAX_BODY_DEPTH} levels` }],
      'The request body is nested too deeply',
    );
  }
  const paths: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) paths.push(path);
    else paths.push(...forbiddenKeyPaths(child, path, level + 1));
  }
  return paths;
}
