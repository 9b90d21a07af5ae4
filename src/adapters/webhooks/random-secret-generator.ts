import { randomBytes } from 'node:crypto';
import type { SecretGenerator } from '../../domain/webhooks/secret-generator.js';
import { WEBHOOK_SECRET_PREFIX } from '../../domain/webhooks/webhook.js';

/** 32 bytes from the operating system's CSPRNG, as Standard Webhooks secrets are written. */
export class RandomSecretGenerator implements SecretGenerator {
  next(): string {
    return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
  }
}
