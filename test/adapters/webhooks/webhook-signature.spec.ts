import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { RandomSecretGenerator } from '../../../src/adapters/webhooks/random-secret-generator.js';
import { signatureOf } from '../../../src/adapters/webhooks/webhook-signature.js';

describe('Standard Webhooks signatures', () => {
  const secret = new RandomSecretGenerator().next();
  const body = JSON.stringify({
    type: 'content.changed',
    timestamp: '2026-11-25T20:17:51.000Z',
    data: { changes: [] },
  });

  it('when signed here, then the standardwebhooks verifier (an independent implementation) accepts the request', () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_01J0000000000000000000000',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureOf(secret, 'msg_01J0000000000000000000000', timestamp, body),
    };
    expect(new Webhook(secret).verify(body, headers)).to.deep.equal(JSON.parse(body));
  });

  it('when the body, the id or the timestamp differ from what was signed, then the verifier refuses', () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signatureOf(secret, 'msg_1', timestamp, body);
    const verifier = new Webhook(secret);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    expect(() => verifier.verify(`${body} `, headers)).to.throw('No matching signature found');
    expect(() => verifier.verify(body, { ...headers, 'webhook-id': 'msg_2' })).to.throw('No matching signature found');
    expect(() => verifier.verify(body, { ...headers, 'webhook-timestamp': String(timestamp - 1) })).to.throw(
      'No matching signature found',
    );
  });

  it('is the same as the library computes, and as a hand-written HMAC over "id.timestamp.body" keyed with the decoded secret', () => {
    const at = new Date('2026-11-25T20:17:51.000Z');
    const seconds = at.getTime() / 1000;
    const ours = signatureOf(secret, 'msg_1', seconds, body);
    expect(ours).to.equal(new Webhook(secret).sign('msg_1', at, body));
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    expect(ours).to.equal(`v1,${createHmac('sha256', key).update(`msg_1.${seconds}.${body}`).digest('base64')}`);
  });

  it('secrets are whsec_ + base64 of 32 random bytes, different every time', () => {
    const generator = new RandomSecretGenerator();
    const secrets = new Set(Array.from({ length: 20 }, () => generator.next()));
    expect(secrets.size).to.equal(20);
    for (const made of secrets) {
      expect(made).to.match(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(made.slice(6), 'base64')).to.have.length(32);
    }
  });
});
