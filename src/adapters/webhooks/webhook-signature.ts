import { createHmac } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX } from '../../domain/webhooks/webhook.js';

/**
 * The Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 of
 * `{id}.{timestamp}.{body}`, keyed with the base64-decoded part of the secret
 * after `whsec_`. Three lines over node:crypto's native HMAC; the
 * `standardwebhooks` package, which does the same in pure JavaScript, checks
 * these signatures in the tests instead.
 */
export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64');
  const digest = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${digest}`;
}
