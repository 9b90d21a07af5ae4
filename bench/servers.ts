/** The servers the benchmark compares, how each is started, and how each spells the measured requests. */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSet } from './data-files.js';
import { BENCH_TAG, CONTACT_BODY } from './dataset.js';
import { ADMIN_TOKEN, BASELINE, BENCH, CACHE, CPU_PROFILE, HOST, JS, ROOT } from './options.js';
import type { Launch } from './processes.js';

export interface Endpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  /** Send the ETag of a first GET back in If-None-Match, expecting 304. */
  readonly conditional?: boolean;
}

export type EndpointName = 'list' | 'one' | 'profile' | 'portfolio' | 'list 304' | 'portfolio 304' | 'contact';
export const ENDPOINTS: EndpointName[] = [
  'list',
  'one',
  'profile',
  'portfolio',
  'list 304',
  'portfolio 304',
  'contact',
];

export interface ServerDef {
  readonly name: string;
  /** Copies what the server will write to into its own directory, then says how to start it. */
  launch(port: number, dir: string, data: DataSet): Launch;
  readonly probe: string;
  endpoints(data: DataSet): Partial<Record<EndpointName, Endpoint>>;
}

const contactBody = JSON.stringify(CONTACT_BODY);
const profArgs = () => (CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(CACHE, 'profiles')}`] : []);

function portfolioEnv(port: number, dir: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST,
    LOG_LEVEL: 'info',
    ADMIN_TOKEN,
    CONTACT_RATE_LIMIT: '1000000',
    CONTACT_RATE_WINDOW: '600',
    DATA_FILE: join(dir, 'portfolio.json'),
  };
}

const portfolioEndpoints = (data: DataSet): Partial<Record<EndpointName, Endpoint>> => ({
  list: { method: 'GET', path: `/api/v1/projects?tag=${BENCH_TAG}&page=1&limit=20` },
  one: { method: 'GET', path: `/api/v1/projects/${data.slug}` },
  profile: { method: 'GET', path: '/api/v1/profile' },
  portfolio: { method: 'GET', path: '/api/v1/portfolio' },
  'list 304': { method: 'GET', path: `/api/v1/projects?tag=${BENCH_TAG}&page=1&limit=20`, conditional: true },
  'portfolio 304': { method: 'GET', path: '/api/v1/portfolio', conditional: true },
  contact: { method: 'POST', path: '/api/v1/contact', body: contactBody },
});

/** `node <dist>/main.js` on file storage, with the data set's file and inbox copied into its directory. */
function fileServer(name: string, dist: string): ServerDef {
  return {
    name,
    probe: '/api/v1/profile',
    launch: (port, dir, data) => {
      copyFileSync(join(data.dir, 'portfolio.json'), join(dir, 'portfolio.json'));
      if (data.messages > 0)
        copyFileSync(join(data.dir, 'portfolio.messages.jsonl'), join(dir, 'portfolio.messages.jsonl'));
      return {
        command: process.execPath,
        args: [...profArgs(), join(dist, 'main.js')],
        env: { ...portfolioEnv(port, dir), STORAGE: 'file' },
      };
    },
    endpoints: portfolioEndpoints,
  };
}

function jsonServer(name: string, bin: string, before?: (dir: string) => void): Omit<ServerDef, 'endpoints'> {
  return {
    name,
    probe: '/profile',
    launch: (port, dir, data) => {
      copyFileSync(join(data.dir, 'json-server.json'), join(dir, 'db.json'));
      before?.(dir);
      return {
        command: process.execPath,
        args: [join(BENCH, 'node_modules', bin), 'db.json', '--port', String(port), '--host', HOST],
        env: { NODE_ENV: 'production' },
      };
    },
  };
}

/** One of the benchmark's own servers (`bench/servers/<script>.ts`, bundled) on the data set's content. */
function ownServer(script: string, port: number, data: DataSet, env: Record<string, string>): Launch {
  return {
    command: process.execPath,
    args: [join(JS, 'bench', 'servers', `${script}.mjs`)],
    env: { NODE_ENV: 'production', PORT: String(port), HOST, CONTENT_FILE: join(data.dir, 'content.json'), ...env },
  };
}

/** bench/servers/koa-floor.ts, its headers set one by one (`set`) or written in one call (`once`). */
function koaFloor(name: string, head: 'set' | 'once'): ServerDef {
  return {
    name,
    probe: '/api/v1/profile',
    launch: (port, _dir, data) => ownServer('koa-floor', port, data, { HEAD: head }),
    endpoints: (data) => {
      const { list, one, profile, portfolio } = portfolioEndpoints(data);
      return { list, one, profile, portfolio };
    },
  };
}

export const SERVERS: ServerDef[] = [
  fileServer('portfolio-api (file)', join(ROOT, 'dist')),
  ...(BASELINE ? [fileServer('baseline (file)', join(BASELINE, 'dist'))] : []),
  {
    name: 'portfolio-api (memory)',
    probe: '/api/v1/profile',
    launch: (port, dir, data) => ({
      command: process.execPath,
      args: [...profArgs(), join(JS, 'bench', 'servers', 'portfolio-memory.mjs')],
      env: {
        ...portfolioEnv(port, dir),
        STORAGE: 'memory',
        CONTENT_FILE: join(data.dir, 'content.json'),
        ...(data.messages > 0 ? { MESSAGES_FILE: join(data.dir, 'messages.json') } : {}),
      },
    }),
    endpoints: portfolioEndpoints,
  },
  {
    // What `STORAGE=memory SEED_SAMPLE_DATA=true npm start` runs: only for the start-up row.
    name: 'portfolio-api (memory, main.js)',
    probe: '/api/v1/profile',
    launch: (port, dir) => ({
      command: process.execPath,
      args: [...profArgs(), join(ROOT, 'dist', 'main.js')],
      env: { ...portfolioEnv(port, dir), STORAGE: 'memory', SEED_SAMPLE_DATA: 'true' },
    }),
    endpoints: () => ({}),
  },
  {
    name: 'bare',
    probe: '/api/v1/profile',
    launch: (port, dir, data) => ownServer('bare', port, data, { JOURNAL_FILE: join(dir, 'messages.jsonl') }),
    endpoints: (data) => {
      const { 'list 304': _l, 'portfolio 304': _p, ...rest } = portfolioEndpoints(data);
      return rest;
    },
  },
  koaFloor('koa floor', 'set'),
  koaFloor('koa floor, one writeHead', 'once'),
  {
    ...jsonServer('json-server 0.17', join('json-server-0.17', 'lib', 'cli', 'bin.js')),
    endpoints: (data) => {
      // Tags are an array; `_like` matches a regular expression against "a,b,c".
      const list = `/projects?status=published&tags_like=${encodeURIComponent(`(^|,)${BENCH_TAG}(,|$)`)}&_sort=startedAt,slug&_order=desc,asc&_page=1&_limit=20`;
      return {
        list: { method: 'GET', path: list },
        one: { method: 'GET', path: `/projects/${data.slug}` },
        profile: { method: 'GET', path: '/profile' },
        // No composed resource: the closest is the whole database in one request.
        portfolio: { method: 'GET', path: '/db' },
        contact: { method: 'POST', path: '/messages', body: contactBody },
      };
    },
  },
  {
    // In production its static-file middleware insists on ./public.
    ...jsonServer('json-server 1.0-beta.3', join('json-server-1-beta', 'lib', 'bin.js'), (dir) =>
      mkdirSync(join(dir, 'public')),
    ),
    endpoints: (data) => {
      // 1.0 cannot filter on an array field: `tags=api` matches every project, which it still scans, sorts and pages.
      const list = `/projects?status=published&tags=${BENCH_TAG}&_sort=-startedAt,slug&_page=1&_per_page=20`;
      return {
        list: { method: 'GET', path: list },
        one: { method: 'GET', path: `/projects/${data.slug}` },
        profile: { method: 'GET', path: '/profile' },
        contact: { method: 'POST', path: '/messages', body: contactBody },
      };
    },
  },
];
