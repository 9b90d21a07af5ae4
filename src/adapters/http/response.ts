import type { Page } from '../../domain/shared/page.js';
import { matchesAny } from './etag.js';
import { jsonOf, keptFor, rendered, resourceOf, type Rendered } from './rendering.js';
import {
  isConditionalRead,
  type Content,
  type EmptySuccess,
  type Route,
  type RouteDependencies,
  type Success,
} from './route.js';
import type { AppContext } from './state.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const PUBLIC_READ = 'public, max-age=60';

/**
 * The one way out of a route. Its handler returns a value; its declaration's
 * `success` says what the value is; this turns it into the status, the bytes
 * and their type, and the headers that go with them:
 *
 * - `resource`  `{"data":…}` of the presented value, with the ETag a GET of it
 *               carries (writes too, so that If-Match can be chained; that of
 *               `readBack` when the answer shows more), and `Location` for a 201;
 * - `page`      `{"data":[…],"meta":{page,limit,total,totalPages}}`, with
 *               X-Total-Count and an RFC 8288 Link header;
 * - `collection` `{"data":[…]}`;  `receipt` `{"data":…}` without an ETag;
 * - `plain`     the value as JSON;  `empty` 204 without a body;
 * - `html`      the page `render` makes of the value, with the status and
 *               headers its `statuses` give it (a refused form);  `content`
 *               the handler's own bytes and type.
 *
 * A GET is rendered through `keptFor`: the same value as last time at the same
 * URL gives the bytes and ETag already made. A conditional GET (the default;
 * see CachePolicy) carries an ETag over the exact bytes and answers a
 * matching If-None-Match (weak comparison) with 304; it is `public,
 * max-age=60` for the public and `no-store` for an admin, with `Vary:
 * Authorization`. Every write is `no-store`. Errors never get here: the error
 * handler answers them (no-store, problem details).
 */
export function respond(ctx: AppContext, route: Route, value: unknown, dependencies: RouteDependencies): void {
  const { success } = route;
  const answer = success.kind === 'html' ? success.statuses?.of(value as never) : undefined;
  ctx.status = answer?.status ?? success.status;
  for (const [name, header] of Object.entries(route.headers ?? {}))
    ctx.set(name, typeof header === 'string' ? header : header(dependencies));
  for (const [name, header] of Object.entries(answer?.headers ?? {})) ctx.set(name, header);
  ctx.set('Cache-Control', cacheControl(ctx, route));
  // A page with a status of its own answers a form, never a conditional read.
  const conditional = isConditionalRead(route) && answer === undefined;
  if (conditional) ctx.vary('Authorization');
  if (success.kind === 'empty') return;
  if (success.kind === 'page') setPageHeaders(ctx, value as Page<unknown>);
  if (success.kind === 'resource' && success.location) ctx.set('Location', success.location(value as never));

  const body =
    route.method === 'get' ? keptFor(route, ctx.url, value, () => render(success, value)) : render(success, value);
  if (success.kind === 'resource' && success.readBack) {
    ctx.set('ETag', resourceOf(success.readBack.present(value as never)).etag);
  } else if (conditional || success.kind === 'resource') {
    ctx.set('ETag', body.etag);
  }
  if (conditional && matchesAny(ctx.get('If-None-Match'), body.etag, 'weak')) {
    ctx.status = 304;
    return;
  }
  ctx.type = success.kind === 'content' ? (value as Content).type : success.kind === 'html' ? HTML_TYPE : JSON_TYPE;
  ctx.body = body.bytes;
}

function render(success: Exclude<Success, EmptySuccess>, value: unknown): Rendered {
  switch (success.kind) {
    case 'resource':
      return resourceOf(success.present(value as never));
    case 'receipt':
      return rendered(`{"data":${jsonOf(success.present(value as never))}}`);
    case 'page': {
      const { items, page, limit, total, totalPages } = value as Page<never>;
      return rendered(
        `{"data":${jsonOf(items.map(success.present))},"meta":${jsonOf({ page, limit, total, totalPages })}}`,
      );
    }
    case 'collection':
      return rendered(`{"data":${jsonOf((value as readonly never[]).map(success.present))}}`);
    case 'plain':
      return rendered(jsonOf(value));
    case 'html':
      return rendered(success.render(value as never));
    case 'content':
      return rendered((value as Content).body);
  }
}

function cacheControl(ctx: AppContext, route: Route): string {
  if (route.method !== 'get') return 'no-store';
  const policy = route.cache ?? 'conditional';
  if (policy === 'conditional') return ctx.state.isAdmin ? 'no-store' : PUBLIC_READ;
  if (typeof policy === 'string') return policy;
  return `public, max-age=${policy.publicMaxAgeSeconds}${policy.immutable ? ', immutable' : ''}`;
}

/** X-Total-Count, and a Link to the first, previous, next and last pages that keeps the other parameters. */
function setPageHeaders(ctx: AppContext, page: Page<unknown>): void {
  ctx.set('X-Total-Count', String(page.total));
  const last = Math.max(page.totalPages, 1);
  const targets: [string, number | undefined][] = [
    ['first', 1],
    ['prev', page.page > 1 ? Math.min(page.page - 1, last) : undefined],
    ['next', page.page < page.totalPages ? page.page + 1 : undefined],
    ['last', last],
  ];
  const links = targets
    .filter((target): target is [string, number] => target[1] !== undefined)
    .map(([rel, target]) => `<${urlForPage(ctx, target)}>; rel="${rel}"`)
    .join(', ');
  ctx.set('Link', links);
}

function urlForPage(ctx: AppContext, page: number): string {
  const params = new URLSearchParams(ctx.querystring);
  params.set('page', String(page));
  return `${ctx.path}?${params.toString()}`;
}
