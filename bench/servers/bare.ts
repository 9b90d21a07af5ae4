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
import { closeSync, fdatasync, openSync, write } from 'node:fs';
import { listProjects, NOT_FOUND, portfolioRead, profileRead, projectBySlug, type Answer } from './reads.js';

function send(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

const answer = (res: ServerResponse, { status, json, headers }: Answer) => send(res, status, json, headers);

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
    if (path === '/api/v1/projects') return answer(res, listProjects(url.searchParams));
    if (path.startsWith('/api/v1/projects/')) return answer(res, projectBySlug(path.slice('/api/v1/projects/'.length)));
    if (path === '/api/v1/profile') return answer(res, profileRead());
    if (path === '/api/v1/portfolio') return answer(res, portfolioRead());
    if (path === '/health') return send(res, 200, '{"status":"ok"}');
  }
  if (req.method === 'POST' && path === '/api/v1/contact') return contact(req, res);
  answer(res, NOT_FOUND);
});

server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
const stop = () => server.close(() => (closeSync(journal), process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
