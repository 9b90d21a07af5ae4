/**
 * The practical limit for a Node process: `node:http` doing the work each
 * benchmarked request needs (filter, sort, slice, JSON.stringify) with no
 * framework, no validation library, no logging and no ETag. The contact form
 * is stored as durably as portfolio-api stores it: a JSON line appended to a
 * journal and fdatasync'ed before the 202, with concurrent writes sharing one
 * flush (group commit).
 *
 * Env: PORT, HOST, CONTENT_FILE (the benchmark's content document), JOURNAL_FILE.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeSync, fdatasync, openSync, readFileSync, write } from 'node:fs';

interface Project {
  id: string;
  slug: string;
  title: string;
  tags: string[];
  status: string;
  startedAt: string;
  [field: string]: unknown;
}
interface Content {
  profile: Record<string, unknown>;
  projects: Project[];
  skills: { category: string; name: string; level: number; [field: string]: unknown }[];
  experience: { startDate: string; endDate: string | null; [field: string]: unknown }[];
}

/** The public representation: everything but the storage version. */
function strip<T extends object>(entity: T): T {
  const { version: _version, ...rest } = entity as T & { version?: unknown };
  return rest as T;
}

const content = JSON.parse(readFileSync(process.env.CONTENT_FILE!, 'utf8')) as Content;
const projects = content.projects.map((p) => strip(p));
const bySlug = new Map(projects.map((p) => [p.slug, p]));
const profile = strip(content.profile);
const skills = content.skills.map((s) => strip(s));
const experience = content.experience.map((e) => strip(e));

const newestFirst = (a: Project, b: Project): number =>
  a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;

function send(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

function list(res: ServerResponse, url: URL): void {
  const tags = url.searchParams.getAll('tag');
  const page = Number(url.searchParams.get('page') ?? 1);
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const matches = projects
    .filter((p) => p.status === 'published' && tags.every((tag) => p.tags.includes(tag)))
    .sort(newestFirst);
  const total = matches.length;
  const totalPages = Math.ceil(total / limit);
  const body = { data: matches.slice((page - 1) * limit, page * limit), meta: { page, limit, total, totalPages } };
  send(res, 200, JSON.stringify(body), { 'X-Total-Count': String(total) });
}

function portfolio(res: ServerResponse): void {
  const published = projects.filter((p) => p.status === 'published').sort(newestFirst);
  const categories = [...new Set(skills.map((s) => s.category))].sort();
  const grouped = categories.map((category) => ({
    category,
    skills: skills
      .filter((s) => s.category === category)
      .sort((a, b) => b.level - a.level || (a.name < b.name ? -1 : 1)),
  }));
  const roles = [...experience].sort(
    (a, b) => Number(a.endDate !== null) - Number(b.endDate !== null) || (a.startDate < b.startDate ? 1 : -1),
  );
  send(res, 200, JSON.stringify({ data: { profile, projects: published, skills: grouped, experience: roles } }));
}

/** Group commit: every line queued while a flush runs goes out in the next single write + fdatasync. */
const journal = openSync(process.env.JOURNAL_FILE!, 'a');
let queued: { line: string; done: (error: Error | null) => void }[] = [];
let flushing = false;

function append(line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    queued.push({ line, done: (error) => (error ? reject(error) : resolve()) });
    if (!flushing) flush();
  });
}

function flush(): void {
  const batch = queued;
  queued = [];
  flushing = true;
  const data = Buffer.from(batch.map((entry) => entry.line).join(''));
  write(journal, data, 0, data.length, null, (writeError) => {
    const finish = (error: Error | null) => {
      for (const entry of batch) entry.done(error);
      flushing = false;
      if (queued.length > 0) flush();
    };
    if (writeError) finish(writeError);
    else fdatasync(journal, (syncError) => finish(syncError));
  });
}

let sequence = 0;

function contact(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > 100_000) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      send(res, 400, '{"error":"malformed json"}');
      return;
    }
    const { name, email, subject, message } = input;
    if (typeof name !== 'string' || typeof email !== 'string' || typeof message !== 'string') {
      send(res, 400, '{"error":"invalid"}');
      return;
    }
    const receivedAt = new Date().toISOString();
    const id = `${Date.now().toString(36)}${(sequence++).toString(36).padStart(8, '0')}`;
    const stored = { id, name, email, subject, message, status: 'new', receivedAt };
    append(`${JSON.stringify(stored)}\n`).then(
      () => send(res, 202, JSON.stringify({ data: { id, receivedAt } })),
      () => send(res, 500, '{"error":"not stored"}'),
    );
  });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (req.method === 'GET') {
    if (path === '/api/v1/projects') return list(res, url);
    if (path.startsWith('/api/v1/projects/')) {
      const project = bySlug.get(path.slice('/api/v1/projects/'.length));
      if (!project || project.status !== 'published') return send(res, 404, '{"error":"not found"}');
      return send(res, 200, JSON.stringify({ data: project }));
    }
    if (path === '/api/v1/profile') return send(res, 200, JSON.stringify({ data: profile }));
    if (path === '/api/v1/portfolio') return portfolio(res);
    if (path === '/health') return send(res, 200, '{"status":"ok"}');
  }
  if (req.method === 'POST' && path === '/api/v1/contact') return contact(req, res);
  send(res, 404, '{"error":"not found"}');
});

server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
const stop = () => server.close(() => (closeSync(journal), process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
