import { expect } from 'chai';
import sinon from 'sinon';
import { createLogger } from '../../../src/adapters/system/logger.js';

const SECRET = 'Bearer secret-token-0123456789';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }) };
}

describe('createLogger', () => {
  it('when a line is logged, then it is JSON with the service, an ISO time and the message', () => {
    const { lines, logger } = capture();
    logger.info({ requestId: 'r-1' }, 'request completed');

    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ level: 30, service: 'portfolio-api', requestId: 'r-1', msg: 'request completed' });
    expect(new Date(lines[0]!.time as string).toISOString()).to.equal(lines[0]!.time);
  });

  it('when lines are logged in the same and in later milliseconds, then each carries the time it was logged', () => {
    const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 11, 7, 4, 0, 0, 1), toFake: ['Date'] });
    try {
      const { lines, logger } = capture();
      logger.info('first');
      logger.info('second');
      clock.tick(1);
      logger.info('third');
      clock.tick(60_000);
      logger.info('fourth');

      expect(lines.map((line) => line.time)).to.deep.equal([
        '2026-12-07T04:00:00.001Z',
        '2026-12-07T04:00:00.001Z',
        '2026-12-07T04:00:00.002Z',
        '2026-12-07T04:01:00.002Z',
      ]);
    } finally {
      clock.restore();
    }
  });

  it('when an error carries the headers of a request, then their authorization is redacted', () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('upstream refused'), {
      headers: { authorization: SECRET, accept: 'application/json' },
      config: { headers: { authorization: SECRET } },
    });
    logger.error({ err: error }, 'request failed');

    const err = lines[0]!.err as { headers: Record<string, string>; config: { headers: Record<string, string> } };
    expect(err.headers).to.deep.equal({ authorization: '[redacted]', accept: 'application/json' });
    expect(err.config.headers.authorization).to.equal('[redacted]');
    expect(JSON.stringify(lines)).not.to.include(SECRET);
  });

  it('when headers or a request are logged themselves, then their authorization is redacted', () => {
    const { lines, logger } = capture();
    logger.warn({
      authorization: SECRET,
      headers: { authorization: SECRET },
      req: { headers: { authorization: SECRET } },
    });

    expect(JSON.stringify(lines)).not.to.include(SECRET);
    expect(lines[0]).to.deep.include({ authorization: '[redacted]', headers: { authorization: '[redacted]' } });
  });

  it('when a webhook secret, an SMTP URL or a bearer token is logged where the service keeps them, then it is redacted', () => {
    const { lines, logger } = capture();
    const text = () => JSON.stringify(lines);
    const secret = 'whsec_c2VjcmV0LXRoYXQtbXVzdC1ub3QtbGVhaw==';
    const smtpUrl = 'smtps://mailer:hunter2@smtp.example.com';
    logger.info({ secret, webhook: { id: 'w-1', secret } }, 'webhook');
    logger.info({ smtpUrl, config: { email: { smtpUrl } }, env: { SMTP_URL: smtpUrl } }, 'config');
    logger.info({ authorization: 'Bearer t0ken', req: { headers: { authorization: 'Bearer t0ken' } } }, 'request');
    const logged = text();
    for (const leaked of ['whsec_', 'hunter2', 't0ken']) expect(logged).not.to.include(leaked);
    expect(logged).to.include('"id":"w-1"');
    expect(logged.match(/\[redacted\]/g)).to.have.length(7);
  });
});
