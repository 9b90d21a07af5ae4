import { Router, type RouterMiddleware } from '@koa/router';
import type * as v from 'valibot';
import type { Precondition } from '../../domain/shared/precondition.js';
import { parseWith } from '../schemas/issues.js';
import { matchesAny } from './etag.js';
import { requireAdmin } from './middleware/auth.js';
import type { BodyReader } from './middleware/request-body.js';
import { validationProblem } from './problem.js';
import { resourceOf } from './rendering.js';
import { respond } from './response.js';
import type { QuerySchema, Route, RouteDependencies, RouteRequest } from './route.js';
import type { AppContext, AppState } from './state.js';

/**
 * The router of every declared route. Each runs, in this order: its access
 * check, its own `authorize`, its body (read only once the client is allowed
 * to send it), its query, its handler; and what the handler returns leaves
 * through the response path.
 */
export function routerOf(
  routes: readonly Route[],
  dependencies: RouteDependencies,
  readBody: BodyReader,
): Router<AppState> {
  // Paths are case-sensitive (RFC 3986), so that caches and links never meet a /API/V1/... spelling of a resource.
  const router = new Router<AppState>({ sensitive: true });
  for (const route of routes) {
    const steps: RouterMiddleware<AppState>[] = [];
    if (route.access === 'admin') steps.push(requireAdmin);
    const { authorize } = route;
    if (authorize) steps.push((ctx, next) => (authorize(ctx), next()));
    if (route.body) steps.push(readBody(route.body.media ?? ['json']));
    steps.push(async (ctx) => respond(ctx, route, await route.handle(requestOf(ctx, route), dependencies)));
    router.register(koaPath(route.path), [route.method], steps, { name: route.operationId });
  }
  return router;
}

/** `/projects/{slug}` → `/projects/:slug`. */
const koaPath = (template: string) => template.replace(/\{(\w+)\}/g, ':$1');

function requestOf(
  ctx: AppContext & { params: Record<string, string> },
  route: Route,
): RouteRequest<string, QuerySchema, v.GenericSchema, never> {
  return {
    ctx,
    params: ctx.params,
    query: route.query ? queryOf(ctx, route.query) : {},
    body: route.body ? bodyOf(ctx, route.body.schema, route.body.readOnly) : undefined,
    ifMatch: route.ifMatch ? ifMatch(ctx, route.ifMatch.present) : undefined,
  };
}

/** The validated query; unknown parameters are dropped by the (non-strict) schema. */
function queryOf<S extends v.GenericSchema>(ctx: AppContext, schema: S): v.InferOutput<S> {
  const result = parseWith(schema, ctx.query);
  if (!result.ok)
    throw validationProblem(
      result.issues,
      `${result.issues.length === 1 ? 'A query parameter is' : 'Query parameters are'} invalid`,
    );
  return result.value;
}

/** The body read by the route's body step, validated: a 400 names every bad field. */
function bodyOf(ctx: AppContext, schema: v.GenericSchema, readOnly: readonly string[] = []): unknown {
  const result = parseWith(schema, ctx.request.body, readOnly);
  if (!result.ok) throw validationProblem(result.issues);
  return result.value;
}

/**
 * If-Match as a condition on the current entity: the ETag a GET of it would
 * carry must be among the listed ones (strong comparison).
 */
function ifMatch(ctx: AppContext, present: (entity: never) => unknown): Precondition<never> | undefined {
  const header = ctx.get('If-Match');
  if (header.trim() === '') return undefined;
  return (current) => matchesAny(header, resourceOf(present(current)).etag, 'strong');
}
