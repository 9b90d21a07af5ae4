import { expect } from 'chai';
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
});
