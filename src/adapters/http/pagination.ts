import type { Context } from 'koa';
import type { Page } from '../../domain/shared/page.js';

/** `{ data, meta }` with X-Total-Count and an RFC 8288 Link header whose links keep the other parameters. */
export function sendPage<T>(ctx: Context, page: Page<T>, present: (item: T) => unknown): void {
  const { page: number, limit, total, totalPages } = page;
  ctx.set('X-Total-Count', String(total));
  const links = pageLinks(ctx, number, totalPages);
  if (links) ctx.set('Link', links);
  ctx.body = { data: page.items.map(present), meta: { page: number, limit, total, totalPages } };
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
