import type { Middleware } from 'koa';
import type bodyParser from 'koa-bodyparser';
import typeIs from 'type-is';
import { HttpProblem, validationProblem } from '../problem.js';
import type { AppState } from '../state.js';

/** The media types a route may take a body in. */
export type BodyMedia = 'json' | 'form';

const MEDIA_TYPES: Record<BodyMedia, readonly string[]> = {
  json: ['application/json', '+json'],
  form: ['application/x-www-form-urlencoded'],
};

const MEDIA_NAMES: Record<BodyMedia, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

/** Keys that could reach an object's prototype if the body were ever merged into one. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * No resource nests deeper than three levels (a project's `links`). A body
 * nested thousands deep, which fits in 100 kB, would overflow the stack of
 * every recursive walk after parsing: the first walk, for prototype keys,
 * refuses it on reaching this depth.
 */
export const MAX_BODY_DEPTH = 32;

/** Makes the body-reading step of a route that takes a body in these media types. */
export type BodyReader = (media: readonly BodyMedia[]) => Middleware<AppState>;

/**
 * Request bodies, read by koa-bodyparser (docs/decisions/0001-request-body-parser.md)
 * inside the guards the contract needs. Routes put this step after their
 * access check, so an unauthorised client learns nothing from body errors.
 *
 * Before the parser: another media type (or a body without one) is a 415, a
 * charset other than UTF-8 a 415, no body at all a 400; content-coding names
 * are made lower-case, since they are case-insensitive and the parser knows
 * only the lower-case ones. The parser inflates gzip, deflate and br bodies
 * and counts the limit on the inflated bytes. After it: an empty body, a JSON
 * value that is not an object, a prototype key at any depth and nesting past
 * MAX_BODY_DEPTH are 400s; so is text with U+FFFD in it, which is what the
 * parser's decoder makes of bytes that are not UTF-8.
 */
export function bodyReader(limitBytes: number): BodyReader {
  const options: bodyParser.Options & { onProtoPoisoning: 'ignore' } = {
    enableTypes: ['json', 'form'],
    extendTypes: { json: ['+json'] },
    jsonLimit: `${limitBytes}b`,
    formLimit: `${limitBytes}b`,
    // Every JSON value is parsed, so that a non-object is named as such rather than as malformed.
    strict: false,
    // Prototype keys are refused below, each named by its path, wherever they are.
    onProtoPoisoning: 'ignore',
  };
  // Loaded with the first body rather than at start-up: the parser and what it brings (qs, iconv-lite,
  // a second mime database) take longer to load than the rest of the HTTP layer, and reads never need them.
  let parser: Promise<Middleware> | undefined;
  const parse = async (ctx: Parameters<Middleware>[0]) => {
    parser ??= import('koa-bodyparser').then(({ default: load }) => load(options));
    await (
      await parser
    )(ctx, () => Promise.resolve());
  };

  return (media) => {
    const types = media.flatMap((name) => MEDIA_TYPES[name]);
    const expected = `The request body must be ${media.map((name) => MEDIA_NAMES[name]).join(' or ')}`;
    return async function readBody(ctx, next) {
      const hasBody = ctx.request.length > 0 || ctx.get('Transfer-Encoding') !== '';
      const type = ctx.get('Content-Type');
      if (type === '' ? hasBody : !typeIs.is(type, [...types]))
        throw new HttpProblem('unsupported-media-type', expected);
      // Charset names are case-insensitive: `charset=UTF-8` is UTF-8.
      const charset = ctx.request.charset.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') {
        throw new HttpProblem('unsupported-media-type', 'The request body must be encoded as UTF-8');
      }
      if (!hasBody) throw emptyBody();
      const encoding = ctx.get('Content-Encoding').trim().toLowerCase() || 'identity';
      ctx.req.headers['content-encoding'] = encoding;
      try {
        await parse(ctx);
      } catch (error) {
        throw parserProblem(error, encoding);
      }
      // The text the parser decoded (koa-bodyparser keeps it beside the parsed body).
      const text = typeof ctx.request.rawBody === 'string' ? ctx.request.rawBody : '';
      if (text.includes('\uFFFD')) throw notUtf8();
      if (text.trim() === '') throw emptyBody();
      const body = ctx.request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw validationProblem(
          [{ path: '', message: 'Must be a JSON object' }],
          'The request body must be a JSON object',
        );
      }
      const forbidden = forbiddenKeyPaths(body);
      if (forbidden.length > 0) throw validationProblem(forbidden.map((path) => ({ path, message: 'Forbidden key' })));
      await next();
    };
  };
}

const emptyBody = () =>
  validationProblem([{ path: '', message: 'A JSON object is required' }], 'The request body is empty');

const notUtf8 = () => new HttpProblem('malformed-json', 'The request body is not valid UTF-8');

/** The parser's errors, as the contract names them. */
function parserProblem(error: unknown, encoding: string): unknown {
  const { status, body } = (error ?? {}) as { status?: unknown; body?: unknown };
  if (error instanceof SyntaxError && typeof body === 'string') {
    if (body.includes('\uFFFD')) return notUtf8();
    if (body.trim() === '') return emptyBody();
    return new HttpProblem('malformed-json', 'The request body is not valid JSON');
  }
  if (status === 415) {
    return new HttpProblem(
      'unsupported-media-type',
      'The Content-Encoding of the request body is not supported: send it as is, or as gzip, deflate or br',
    );
  }
  // The decompressor's errors (corrupt or truncated gzip, deflate, br) carry no HTTP status: they are the client's.
  if (encoding !== 'identity' && typeof status !== 'number') {
    return new HttpProblem('malformed-json', 'The request body could not be decoded');
  }
  return error;
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
