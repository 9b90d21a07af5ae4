import type { Context } from 'koa';
import type { Page } from '../../domain/shared/page.js';
import { fragmentOf, JsonBody, renderJson } from './representation.js';

/** `{ data, meta }` with X-Total-Count and an RFC 8288 Link header whose links keep the other parameters. */
export function sendPage<T extends object>(ctx: Context, page: Page<T>, present: (item: T) => unknown): void {
  const { page: number, limit, total, totalPages, items } = page;
  ctx.set('X-Total-Count', String(total));
  const links = pageLinks(ctx, number, totalPages);
  if (links) ctx.set('Link', links);
  const meta = { page: number, limit, total, totalPages };
  ctx.body = new JsonBody(
    () =>
      renderJson(
        `{"data":[${items.map((item) => fragmentOf(item, present)).join(',')}],"meta":${JSON.stringify(meta)}}`,
      ),
    ctx.url,
    [number, limit, total, totalPages, ...items],
  );
}

function pageLinks(ctx: Context, page: number, totalPages: number): string {
  const last = Math.max(totalPages, 1);
  const targets: [string, number | undefined][] = [
    ['first', 1],
    ['prev', page > 1 ? Math.min(page - 1, last) : undefined],
    ['next', page < totalPages ? page + 1 : undefined],
    ['last', last],
  ];
  return targets
    .filter((target): target is [string, number] => target[1] !== undefined)
    .map(([rel, target]) => `<${urlForPage(ctx, target)}>; rel="${rel}"`)
    .join(', ');
}

function urlForPage(ctx: Context, page: number): string {
  const params = new URLSearchParams(ctx.querystring);
  params.set('page', String(page));
  return `${ctx.path}?${params.toString()}`;
}
