import { expect } from 'chai';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import sinon from 'sinon';
import { createApp } from '../../../src/adapters/http/app.js';
import { createHttpServer } from '../../../src/adapters/http/server.js';
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

describe('createHttpServer', () => {
  let server: Server;
  let logger: { info: sinon.SinonSpy };

  beforeEach(async () => {
    logger = { info: sinon.spy() };
    server = createHttpServer(createApp(testApp().dependencies), logger);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
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
