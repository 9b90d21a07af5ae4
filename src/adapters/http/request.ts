import type { Context } from 'koa';
import type * as v from 'valibot';
import type { Precondition } from '../../domain/shared/precondition.js';
import { parseWith } from '../schemas/issues.js';
import { readJsonBody } from './middleware/json-body.js';
import { matchesAny } from './etag.js';
import { validationProblem } from './problem.js';
import { JsonBody, resourceOf } from './representation.js';

/** The validated body of a write, or a 400 naming every bad field. */
export async function bodyOf<S extends v.GenericSchema>(
  ctx: Context,
  schema: S,
  readOnly: readonly string[] = [],
): Promise<v.InferOutput<S>> {
  const result = parseWith(schema, await readJsonBody(ctx, ctx.state.bodyLimitBytes as number), readOnly);
  if (!result.ok) throw validationProblem(result.issues);
  return result.value;
}

/** The validated query; unknown parameters are dropped by the (non-strict) schema. */
export function queryOf<S extends v.GenericSchema>(ctx: Context, schema: S): v.InferOutput<S> {
  const result = parseWith(schema, ctx.query);
  if (!result.ok)
    throw validationProblem(
      result.issues,
      `${result.issues.length === 1 ? 'A query parameter is' : 'Query parameters are'} invalid`,
    );
  return result.value;
}

/**
 * If-Match as a condition on the current entity: the ETag a GET of it would
 * carry must be among the listed ones. `present` must be the same presenter the
 * GET uses, so both hash the same bytes.
 */
export function ifMatch<T extends object>(ctx: Context, present: (entity: T) => unknown): Precondition<T> | undefined {
  const header = ctx.get('If-Match');
  if (header.trim() === '') return undefined;
  return (current) => matchesAny(header, resourceOf(current, present).etag, 'strong');
}

/**
 * A single resource as `{ data: present(entity) }`. A write's answer carries
 * the ETag a later GET will carry, so a client can chain If-Match; a GET's is
 * set by caching.
 */
export function sendResource<T extends object>(
  ctx: Context,
  status: number,
  entity: T,
  present: (entity: T) => unknown,
): void {
  const rendered = resourceOf(entity, present);
  ctx.status = status;
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') ctx.set('ETag', rendered.etag);
  ctx.body = JsonBody.of(rendered);
}
