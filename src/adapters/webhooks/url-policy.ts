import { lookup } from 'node:dns/promises';
import type { WebhookUrlPolicy } from '../../domain/webhooks/webhook-url-policy.js';
import { addressLiteralOf, nonPublicRange } from './address-range.js';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Name resolution, as the operating system does it for a connection; a test passes a fake. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** DNS answers that say "no such name (now)" rather than "this is wrong". */
const UNRESOLVED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'ESERVFAIL', 'ETIMEOUT']);

export interface WebhookTargetOptions {
  /** WEBHOOK_ALLOW_PRIVATE: loopback and private addresses, and http, are allowed. */
  readonly allowPrivate: boolean;
  readonly resolve?: Resolver;
}

/**
 * Refuses a webhook URL whose host is, or resolves to, an address outside
 * the public internet. A name that does not resolve yet is accepted: it is
 * checked again, on the address actually connected to, at every delivery.
 */
export class WebhookTargetPolicy implements WebhookUrlPolicy {
  private readonly resolve: Resolver;

  constructor(private readonly options: WebhookTargetOptions) {
    this.resolve = options.resolve ?? systemResolver;
  }

  async refusalOf(text: string): Promise<string | null> {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return 'Must be an https URL';
    }
    const schemes = this.options.allowPrivate ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol) || url.hostname === '') {
      return this.options.allowPrivate ? 'Must be an http or https URL' : 'Must be an https URL';
    }
    if (url.username !== '' || url.password !== '')
      return 'Must not carry credentials (the secret signs each delivery)';
    if (this.options.allowPrivate) return null;
    const literal = addressLiteralOf(url.hostname);
    if (literal !== null) return refusalFor(literal);
    let addresses: readonly ResolvedAddress[];
    try {
      addresses = await this.resolve(url.hostname);
    } catch (error) {
      if (UNRESOLVED.has((error as NodeJS.ErrnoException).code ?? '')) return null;
      throw error;
    }
    for (const { address } of addresses) {
      const refusal = refusalFor(address);
      if (refusal !== null) return `${url.hostname} resolves to ${address}: ${refusal}`;
    }
    return null;
  }
}

/** Shared with the sender, which applies it to the address it is about to connect to. */
export function refusalFor(address: string): string | null {
  const range = nonPublicRange(address);
  return range === null ? null : `Must not target a ${range} address (${address}) unless WEBHOOK_ALLOW_PRIVATE=true`;
}
