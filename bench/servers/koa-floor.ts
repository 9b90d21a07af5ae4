/**
 * What the design's framework costs before the service does anything: Koa
 * and @koa/router doing bare's work for each read, and setting the headers
 * every portfolio-api read answer carries (request id, caching, helmet's
 * list, CSP, CORP), with no validation, logging, authentication, ETag or
 * storage. The service's small reads cannot cost less than this.
 *
 * HEAD=set (the default) sets each header through `ctx.set`, as Koa
 * middleware does; HEAD=once writes them all in one `writeHead` call past
 * Koa's own response (`ctx.respond = false`): the least any Koa app with
 * these headers can cost.
 *
 * Env: PORT, HOST, CONTENT_FILE, HEAD.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Router } from '@koa/router';
import Koa, { type Context } from 'koa';
import { REFUSED_REQUEST_HEADERS } from '../../src/adapters/http/middleware/security-headers.js';
import { listProjects, portfolioRead, profileRead, projectBySlug, type Answer } from './reads.js';

const HEAD_ONCE = process.env.HEAD === 'once';
// The same number of headers as an API answer's (only CORP's value differs).
const SECURITY = REFUSED_REQUEST_HEADERS.flat();

function reply(ctx: Context, answer: Answer): void {
  if (HEAD_ONCE) writeOnce(ctx, answer);
  else setEach(ctx, answer);
}

function setEach(ctx: Context, { status, json, headers = {} }: Answer): void {
  ctx.status = status;
  ctx.set('X-Request-Id', randomUUID());
  ctx.set('Cache-Control', 'public, max-age=60');
  ctx.set('Vary', 'Authorization');
  for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
  for (const [name, value] of REFUSED_REQUEST_HEADERS) ctx.set(name, value);
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = json;
}

function writeOnce(ctx: Context, { status, json, headers = {} }: Answer): void {
  ctx.respond = false;
  ctx.res.writeHead(status, [
    'X-Request-Id',
    randomUUID(),
    'Cache-Control',
    'public, max-age=60',
    'Vary',
    'Authorization',
    ...Object.entries(headers).flat(),
    ...SECURITY,
    'Content-Type',
    'application/json; charset=utf-8',
    'Content-Length',
    String(Buffer.byteLength(json)),
  ]);
  ctx.res.end(json);
}

const router = new Router({ sensitive: true })
  .get('/api/v1/projects', (ctx) => reply(ctx, listProjects(new URLSearchParams(ctx.querystring))))
  .get('/api/v1/projects/:slug', (ctx) => reply(ctx, projectBySlug(ctx.params.slug!)))
  .get('/api/v1/profile', (ctx) => reply(ctx, profileRead()))
  .get('/api/v1/portfolio', (ctx) => reply(ctx, portfolioRead()));
const app = new Koa().use(router.routes());

// Koa's handler answers its own errors: the promise it returns never rejects.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
const server = createServer(app.callback()).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
