import { expect } from 'chai';
import { NOW } from '../../support/fakes.js';
import { AUTH, testApp, type TestApp } from '../../support/http-app.js';
import { JSON_UTF8, expectProblem, expectValidation } from './http-expectations.js';

const PATH = '/api/v1/contact';
const valid = { name: 'Grace', email: 'grace@example.com', message: 'Hello, shall we talk?' };

/** The inbox as the owner sees it. */
async function inbox(request: ReturnType<typeof testApp>['request']) {
  const res = await request.get('/api/v1/messages').set(AUTH);
  expect(res.status).to.equal(200);
  return res.body as { data: unknown[]; meta: { total: number } };
}

describe('POST /api/v1/contact', () => {
  describe('accepted messages', () => {
    it('when the message is valid, then 202 with its id and receipt time, and it is stored as new', async () => {
      const { request } = testApp();
      const res = await request.post(PATH).send(valid);
      expect(res.status).to.equal(202);
      expect(res.headers['content-type']).to.equal(JSON_UTF8);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.body).to.deep.equal({ data: { id: 'id-1', receivedAt: NOW } });
      expect(await inbox(request)).to.deep.equal({
        data: [{ id: 'id-1', ...valid, status: 'new', receivedAt: NOW }],
        meta: { page: 1, limit: 20, total: 1, totalPages: 1 },
      });
    });

    it('when a subject is given and fields have surrounding spaces, then the subject is kept and lines trimmed', async () => {
      const { request } = testApp();
      const res = await request
        .post(PATH)
        .send({ ...valid, name: '  Grace ', email: ' grace@example.com ', subject: ' Work ' });
      expect(res.status).to.equal(202);
      expect((await request.get('/api/v1/messages/id-1').set(AUTH)).body).to.deep.equal({
        data: { id: 'id-1', ...valid, subject: 'Work', status: 'new', receivedAt: NOW, notification: null },
      });
    });

    it('when the message is exactly 10 characters, then it is accepted', async () => {
      const { request } = testApp();
      expect((await request.post(PATH).send({ ...valid, message: '0123456789' })).status).to.equal(202);
    });

    it('when the message is 5,000 emoji, then it is accepted: lengths count characters, not UTF-16 units', async () => {
      const { request } = testApp();
      expect((await request.post(PATH).send({ ...valid, message: '👋'.repeat(5000) })).status).to.equal(202);
    });

    it('when an admin token comes along, then the answer is the same', async () => {
      const { request } = testApp();
      const res = await request.post(PATH).set(AUTH).send(valid);
      expect(res.status).to.equal(202);
      expect(res.body).to.deep.equal({ data: { id: 'id-1', receivedAt: NOW } });
    });
  });

  describe('validation', () => {
    const rows: [string, Record<string, unknown>, { path: string; message: string }[]][] = [
      [
        'the message is shorter than 10 characters',
        { message: '123456789' },
        [{ path: 'message', message: 'Must be at least 10 characters' }],
      ],
      [
        'the message is five emoji, ten UTF-16 units',
        { message: '👋'.repeat(5) },
        [{ path: 'message', message: 'Must be at least 10 characters' }],
      ],
      [
        'the message is longer than 5000 characters',
        { message: 'm'.repeat(5001) },
        [{ path: 'message', message: 'Must be at most 5000 characters' }],
      ],
      [
        'the email is not an address',
        { email: 'grace.example.com' },
        [{ path: 'email', message: 'Must be a valid email address' }],
      ],
      [
        'the email is longer than 254 characters',
        { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com` },
        [{ path: 'email', message: 'Must be at most 254 characters' }],
      ],
      [
        'the name is longer than 100 characters',
        { name: 'n'.repeat(101) },
        [{ path: 'name', message: 'Must be at most 100 characters' }],
      ],
      ['the name is blank', { name: '   ' }, [{ path: 'name', message: 'Must not be empty' }]],
      [
        'the subject is longer than 150 characters',
        { subject: 's'.repeat(151) },
        [{ path: 'subject', message: 'Must be at most 150 characters' }],
      ],
      ['the message is not a string', { message: 12345678901 }, [{ path: 'message', message: 'Must be a string' }]],
    ];
    for (const [situation, change, errors] of rows) {
      it(`when ${situation}, then 400 names the field and nothing is stored`, async () => {
        const { request } = testApp();
        const res = await request.post(PATH).send({ ...valid, ...change });
        expectValidation(res, PATH, errors);
        expect((await inbox(request)).meta.total).to.equal(0);
      });
    }

    it('when every required field is missing, then 400 lists each', async () => {
      const { request } = testApp();
      const res = await request.post(PATH).send({ subject: 'Hi' });
      expectValidation(res, PATH, [
        { path: 'name', message: 'Required' },
        { path: 'email', message: 'Required' },
        { path: 'message', message: 'Required' },
      ]);
      expect((await inbox(request)).meta.total).to.equal(0);
    });
  });

  describe('honeypot', () => {
    it('when website is filled in, then the same 202 comes but nothing is stored', async () => {
      const { request } = testApp();
      const res = await request.post(PATH).send({ ...valid, website: 'https://spam.example' });
      expect(res.status).to.equal(202);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.body).to.deep.equal({ data: { id: 'id-1', receivedAt: NOW } });
      expect(await inbox(request)).to.deep.equal({
        data: [],
        meta: { page: 1, limit: 20, total: 0, totalPages: 0 },
      });
    });

    it('when website is 1,001 emoji, then it is within its 2,000 characters: the same 202, nothing stored', async () => {
      const { request } = testApp();
      expect((await request.post(PATH).send({ ...valid, website: '🚀'.repeat(1001) })).status).to.equal(202);
      expect((await inbox(request)).meta.total).to.equal(0);
    });

    it('when website is empty, then the message is stored', async () => {
      const { request } = testApp();
      expect((await request.post(PATH).send({ ...valid, website: '' })).status).to.equal(202);
      expect((await inbox(request)).meta.total).to.equal(1);
    });

    it('when website holds only white space, then it counts as filled in (the contract says non-empty)', async () => {
      const { request } = testApp();
      expect((await request.post(PATH).send({ ...valid, website: '  ' })).status).to.equal(202);
      expect((await inbox(request)).meta.total).to.equal(0);
    });
  });

  describe('rate limit', () => {
    it('when a client sends more than the limit, then the next gets 429 with Retry-After in whole seconds', async () => {
      const { request } = testApp({ config: { contactRateLimit: 2 } });
      expect((await request.post(PATH).send(valid)).status).to.equal(202);
      expect((await request.post(PATH).send(valid)).status).to.equal(202);
      const res = await request.post(PATH).send(valid);
      const retryAfter = res.headers['retry-after'] as string;
      expect(retryAfter).to.match(/^\d+$/);
      // The default window is 600 s and it opened with the first message, moments ago.
      expect(Number(retryAfter)).to.be.within(599, 600);
      expectProblem(res, 'rate-limited', {
        detail: `Too many messages; try again in ${retryAfter} seconds`,
        instance: PATH,
      });
      expect((await inbox(request)).meta.total).to.equal(2);
    });

    it('when a message is invalid, then it is refused before it counts against the limit', async () => {
      const { request } = testApp({ config: { contactRateLimit: 1 } });
      const invalid = await request.post(PATH).send({ ...valid, message: 'short' });
      expectValidation(invalid, PATH, [{ path: 'message', message: 'Must be at least 10 characters' }]);
      expect((await request.post(PATH).send(valid)).status).to.equal(202);
    });

    it('when behind a trusted proxy, then each X-Forwarded-For client has its own count', async () => {
      const { request } = testApp({ config: { contactRateLimit: 2, trustProxy: true } });
      const from = (ip: string) => request.post(PATH).set('X-Forwarded-For', ip).send(valid);
      expect((await from('203.0.113.1')).status).to.equal(202);
      expect((await from('203.0.113.1')).status).to.equal(202);
      expect((await from('203.0.113.1')).status).to.equal(429);
      expect((await from('203.0.113.2')).status).to.equal(202);
      expect((await from('203.0.113.2')).status).to.equal(202);
      expect((await from('203.0.113.2')).status).to.equal(429);
      expect((await inbox(request)).meta.total).to.equal(4);
    });

    it('when behind a trusted proxy, then the address the proxy added counts, not those the client wrote before it', async () => {
      const { request } = testApp({ config: { contactRateLimit: 2, trustProxy: true } });
      const from = (forwarded: string) => request.post(PATH).set('X-Forwarded-For', forwarded).send(valid);
      expect((await from('192.0.2.1, 198.51.100.1')).status).to.equal(202);
      expect((await from('192.0.2.2, 198.51.100.1')).status).to.equal(202);
      expect((await from('192.0.2.3, 198.51.100.1')).status).to.equal(429);
      expect((await from('192.0.2.3, 198.51.100.2')).status).to.equal(202);
    });

    it('when one IPv6 client writes its address another way, or moves within its /64, then it is still one client', async () => {
      const { request } = testApp({ config: { contactRateLimit: 2, trustProxy: true } });
      const from = (address: string) => request.post(PATH).set('X-Forwarded-For', address).send(valid);
      expect((await from('2001:db8:0:7::1')).status).to.equal(202);
      expect((await from('2001:DB8:0:7:0:0:0:1')).status).to.equal(202);
      expect((await from('2001:db8:0:7:abcd::42')).status).to.equal(429);
      expect((await from('2001:db8:0:8::1')).status).to.equal(202);
    });

    /** The statuses of ten messages, the nth sent with the X-Forwarded-For `forwarded(n)`. */
    async function tenMessages(request: TestApp['request'], forwarded: (n: number) => string): Promise<number[]> {
      const statuses: number[] = [];
      for (let n = 1; n <= 10; n += 1) {
        statuses.push((await request.post(PATH).set('X-Forwarded-For', forwarded(n)).send(valid)).status);
      }
      return statuses;
    }
    const THREE_THEN_REFUSED = [202, 202, 202, 429, 429, 429, 429, 429, 429, 429];

    it('when proxies are listed and a client that is none of them writes X-Forwarded-For, then it has no say in its key', async () => {
      const { request } = testApp({
        config: { contactRateLimit: 3, trustProxy: ['10.0.0.1', '10.1.0.0/16', 'fd00::/8'] },
      });
      expect(await tenMessages(request, (n) => `203.0.113.${n}`)).to.deep.equal(THREE_THEN_REFUSED);
      expect((await inbox(request)).meta.total).to.equal(3);
    });

    it('when the peer is a listed proxy, then the client it forwards counts, not the entries the client wrote before it', async () => {
      const { request } = testApp({ config: { contactRateLimit: 3, trustProxy: ['loopback', '10.0.0.0/8'] } });
      // The client's own guesses, then its address as the first proxy saw it, then that proxy's as the next one saw it.
      expect(await tenMessages(request, (n) => `192.0.2.${n}, 203.0.113.1, 10.9.9.9`)).to.deep.equal(
        THREE_THEN_REFUSED,
      );
      expect((await request.post(PATH).set('X-Forwarded-For', '203.0.113.2, 10.9.9.9').send(valid)).status).to.equal(
        202,
      );
    });

    for (const [trusted, setting] of [
      ['a listed proxy', ['loopback']],
      ['any peer, as TRUST_PROXY=true trusts,', true],
    ] as const) {
      it(`when ${trusted} forwards entries that are not IP addresses, then they are ignored and the peer's address counts`, async () => {
        const { request } = testApp({ config: { contactRateLimit: 3, trustProxy: setting } });
        const garbage = [
          'unknown',
          '203.0.113.1:8080',
          '<script>',
          'for=192.0.2.1',
          '2130706433',
          '_hidden',
          'x',
          '::g',
          '1.2.3',
          'null',
        ];
        expect(await tenMessages(request, (n) => `203.0.113.${n}, ${garbage[n - 1]!}`)).to.deep.equal(
          THREE_THEN_REFUSED,
        );
      });
    }

    it('when the proxy is not trusted, then X-Forwarded-For is ignored and the socket address counts', async () => {
      const { request } = testApp({ config: { contactRateLimit: 2, trustProxy: false } });
      const from = (ip: string) => request.post(PATH).set('X-Forwarded-For', ip).send(valid);
      expect((await from('203.0.113.1')).status).to.equal(202);
      expect((await from('203.0.113.2')).status).to.equal(202);
      const third = await from('203.0.113.3');
      expect(third.status).to.equal(429);
      expect(third.headers['retry-after']).to.match(/^\d+$/);
      expect((await inbox(request)).meta.total).to.equal(2);
    });
  });
});
