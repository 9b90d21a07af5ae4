import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/adapters/system/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('info', stream), text: () => lines.join('') };
}

describe('createLogger', () => {
  it('when a webhook secret, an SMTP URL or a bearer token is logged, at the top or one level down, then it is redacted', () => {
    const { logger, text } = capture();
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
