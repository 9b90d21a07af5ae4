import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import sinon from 'sinon';
import { createApp } from '../../../src/adapters/http/app.js';
import { createHttpServer, stopServer, type HttpTimeouts } from '../../../src/adapters/http/server.js';
import { testApp } from '../../support/http-app.js';

interface RawResponse {
  statusLine: string;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes no HTTP client library would send, and reads the answer until the server closes. */
async function sendRaw(server: Server, bytes: string): Promise<RawResponse> {
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined); // the server may close while the rest is still being written
  socket.write(bytes);
  await once(socket, 'close');
  const [head = '', body = ''] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { statusLine, headers, body };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Node's own defaults: what the tests that are not about timeouts run with. */
const NODE_TIMEOUTS: HttpTimeouts = { requestMs: 300_000, headersMs: 60_000, keepAliveMs: 5000 };

async function listening(timeouts: HttpTimeouts = NODE_TIMEOUTS, logger = { info: sinon.spy() }): Promise<Server> {
  const server = createHttpServer(createApp(testApp().dependencies), logger, timeouts);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

describe('createHttpServer', () => {
  let server: Server;
  let logger: { info: sinon.SinonSpy };

  beforeEach(async () => {
    logger = { info: sinon.spy() };
    server = await listening(NODE_TIMEOUTS, logger);
  });

  afterEach(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  it('when a request is valid HTTP, then the app answers it', async () => {
    const res = await sendRaw(server, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(res.statusLine).to.equal('HTTP/1.1 200 OK');
    expect(JSON.parse(res.body)).to.deep.equal({ status: 'ok' });
    expect(logger.info.called).to.equal(false);
  });

  describe("requests that Node's HTTP parser refuses", () => {
    const rows: [string, string, string, string][] = [
      [
        'a request with an unknown method',
        'FOO / HTTP/1.1\r\nHost: localhost\r\n\r\n',
        '400 Bad Request',
        'bad-request',
      ],
      [
        'a header line without a colon',
        'GET /health HTTP/1.1\r\nHost localhost\r\n\r\n',
        '400 Bad Request',
        'bad-request',
      ],
      [
        'a request whose headers pass 16 KiB',
        `GET /api/v1/projects HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`,
        '431 Request Header Fields Too Large',
        'headers-too-large',
      ],
    ];
    for (const [what, bytes, status, kind] of rows) {
      it(`when ${what} arrives, then ${status} as problem details with a request id, and the log has it`, async () => {
        const res = await sendRaw(server, bytes);

        expect(res.statusLine).to.equal(`HTTP/1.1 ${status}`);
        expect(res.headers).to.include({
          'content-type': 'application/problem+json; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'close',
          'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
          'cross-origin-resource-policy': 'same-origin',
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
        });
        const requestId = res.headers['x-request-id'];
        expect(requestId).to.match(UUID);
        const body = JSON.parse(res.body) as Record<string, unknown>;
        expect(body).to.include({ type: `/problems/${kind}`, status: Number(status.slice(0, 3)), requestId });
        expect(body).to.have.all.keys('type', 'title', 'status', 'detail', 'requestId');
        expect(Number(res.headers['content-length'])).to.equal(Buffer.byteLength(res.body));
        sinon.assert.calledOnceWithMatch(logger.info, { requestId, status: Number(status.slice(0, 3)) });
      });
    }

    it('when the client keeps its side of the connection open, then the server still closes it', async () => {
      const socket = connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', allowHalfOpen: true });
      socket.on('data', () => undefined);
      socket.write('FOO / HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await once(socket, 'end');
      // Half-open server sockets outlive end(): only a destroy lets the server forget this one.
      const connections = () => new Promise<number>((resolve) => server.getConnections((_, count) => resolve(count)));
      for (let tries = 0; (await connections()) > 0 && tries < 50; tries++) await new Promise((r) => setTimeout(r, 10));
      expect(await connections()).to.equal(0);
      socket.destroy();
    });

    for (const [code, status, kind] of [
      ['ERR_HTTP_REQUEST_TIMEOUT', '408 Request Timeout', 'request-timeout'],
      ['HPE_CHUNK_EXTENSIONS_OVERFLOW', '413 Payload Too Large', 'payload-too-large'],
    ] as const) {
      it(`when the parser reports ${code}, then ${status} as ${kind}`, () => {
        const socket = { writable: true, end: sinon.spy(), destroy: sinon.spy() };
        server.emit('clientError', Object.assign(new Error(code), { code }), socket);
        const written = String(socket.end.firstCall.args[0]);
        expect(written.split('\r\n')[0]).to.equal(`HTTP/1.1 ${status}`);
        expect(JSON.parse(written.slice(written.indexOf('\r\n\r\n') + 4))).to.include({ type: `/problems/${kind}` });
      });
    }

    it('when the client is gone before the answer, then nothing is written and the socket is destroyed', () => {
      const socket = { writable: false, end: sinon.spy(), destroy: sinon.spy() };
      server.emit('clientError', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), socket);
      sinon.assert.notCalled(socket.end);
      sinon.assert.calledOnce(socket.destroy);
      sinon.assert.notCalled(logger.info);
    });
  });
});

describe('createHttpServer, timeouts', () => {
  let server: Server;
  const timeouts: HttpTimeouts = { requestMs: 400, headersMs: 200, keepAliveMs: 5000 };

  beforeEach(async () => (server = await listening(timeouts)));

  afterEach(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  it('when a body trickles in slower than the request timeout, then 408 as problem details and the connection closes', async () => {
    const res = await sendRaw(
      server,
      'POST /api/v1/contact HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"name":',
    );

    expect(res.statusLine).to.equal('HTTP/1.1 408 Request Timeout');
    expect(res.headers).to.include({ 'content-type': 'application/problem+json; charset=utf-8', connection: 'close' });
    expect(JSON.parse(res.body)).to.include({ type: '/problems/request-timeout', status: 408 });
  });

  it('when the headers never end, then 408 as problem details and the connection closes', async () => {
    const res = await sendRaw(server, 'GET /api/v1/profile HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');

    expect(res.statusLine).to.equal('HTTP/1.1 408 Request Timeout');
    expect(JSON.parse(res.body)).to.include({ type: '/problems/request-timeout', status: 408 });
  });

  it('when the request was answered before its body arrived, then the request timeout closes the connection, with no second answer', async () => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // Refused for want of a token before its body is read; the body then never comes.
    socket.write(
      'POST /api/v1/skills HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{',
    );
    await once(socket, 'close');

    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.match(/^HTTP\/1\.1 \d{3}/gm)).to.deep.equal(['HTTP/1.1 401']);
  });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request through `agent`, whose single kept-alive connection the tests follow. */
function send(port: number, agent: Agent, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('stopServer', () => {
  let server: Server;
  let port: number;
  let agent: Agent;
  const openConnections = () => new Promise<number>((resolve) => server.getConnections((_, count) => resolve(count)));

  beforeEach(async () => {
    server = await listening();
    port = (server.address() as AddressInfo).port;
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });

  afterEach(() => {
    agent.destroy();
    server.closeAllConnections();
    if (server.listening) server.close();
  });

  it('when a kept-alive connection sends its next request a while after the stop began, then it is answered with Connection: close, and the stop ends with it', async () => {
    const before = await send(port, agent, '/health');
    expect(before.headers.connection).to.equal('keep-alive');

    const stopped = stopServer(server, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await send(port, agent, '/api/v1/projects');
    await stopped;

    expect(after.status).to.equal(200);
    expect(after.headers.connection).to.equal('close');
    expect(await openConnections()).to.equal(0);
  });

  it('when a request is in flight as the stop begins, then it is answered in full, with Connection: close', async () => {
    const body = JSON.stringify({ name: 'Grace', email: 'grace@example.com', message: 'Sent while the server stops.' });
    const answered = new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/contact',
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 100);
    });
    await new Promise((resolve) => setTimeout(resolve, 30));

    const stopped = stopServer(server, 60_000);
    const res = await answered;
    await stopped;

    expect(res.status).to.equal(202);
    expect(res.headers.connection).to.equal('close');
  });

  it('when a kept-alive connection sends nothing more, then it is closed as its keep-alive timeout expires, and the stop ends', async () => {
    const quick = await listening({ ...NODE_TIMEOUTS, keepAliveMs: 100 });
    const socket = connect((quick.address() as AddressInfo).port, '127.0.0.1');
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const [answer] = (await once(socket, 'data')) as [Buffer];
    expect(answer.toString()).to.match(/^HTTP\/1\.1 200 OK\r\n[^]*Connection: keep-alive/);

    await Promise.all([stopServer(quick, 60_000), once(socket, 'close')]);
  });

  it('when a request has arrived on a connection not yet accepted as the stop begins, then it is answered', async () => {
    // A client in another process connects and sends its request while this process is too busy to
    // accept: the connection and the request wait in the kernel.
    const client = spawn('bash', [
      '-c',
      `exec 3<>/dev/tcp/127.0.0.1/${port}; printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n' >&3; cat <&3`,
    ]);
    let answer = '';
    client.stdout.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);

    const stopped = stopServer(server, 60_000);
    await once(client, 'exit');
    await stopped;

    expect(answer).to.match(/^HTTP\/1\.1 200 OK\r\n[^]*Connection: close/);
  });

  it('when the stop began and the listening socket is closed, then a new connection is refused', async () => {
    const stopped = stopServer(server, 60_000);
    while (server.listening) await new Promise((resolve) => setImmediate(resolve));
    const socket = connect(port, '127.0.0.1');
    const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
    await stopped;

    expect(error.code).to.equal('ECONNREFUSED');
  });

  it('when a request outlasts the deadline, then its connection is closed and the stop ends', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    // Headers that never end: a request in flight, as far as the server knows.
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
    await once(socket, 'connect');
    await new Promise((resolve) => setTimeout(resolve, 20));

    await stopServer(server, 100);

    expect(await openConnections()).to.equal(0);
  });
});
