import * as v from 'valibot';
import type { HumanCheck, HumanCheckVerdict } from '../../domain/messages/human-check.js';
import type { CaptchaProvider } from './providers.js';

/** The contract's bound on one verification; the visitor's request waits for it. */
export const VERIFY_TIMEOUT_MS = 5000;

export interface SiteverifyOptions {
  readonly provider: CaptchaProvider;
  readonly secret: string;
  /** Another address for the provider's siteverify endpoint (CAPTCHA_VERIFY_URL). */
  readonly verifyUrl?: string | undefined;
  /** Tests shorten it; the service always uses VERIFY_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

/** What both providers answer; they add fields of their own (hostname, challenge_ts, …), which are not needed here. */
const SiteverifyAnswer = v.object({
  success: v.boolean(),
  'error-codes': v.optional(v.array(v.string()), []),
});

/**
 * Error codes that blame this service's request rather than the visitor's
 * token: a missing or wrong secret, a request the provider could not read,
 * the provider's own failure. The visitor is not at fault, and the owner has
 * to hear of it, so these are "the check could not be made" (503, logged),
 * not "not a person" (400). Turnstile and hCaptcha share the names.
 */
const NOT_THE_VISITORS_FAULT = new Set([
  'missing-input-secret',
  'invalid-input-secret',
  'invalid-parsed-secret',
  'invalid-widget-id',
  'bad-request',
  'internal-error',
  'missing-remoteip',
  'invalid-remoteip',
]);

/**
 * The siteverify protocol that Cloudflare Turnstile and hCaptcha share: a
 * form-encoded POST of `secret`, `response` and `remoteip`, answered with JSON
 * holding `success` and `error-codes`. One attempt per submission, within the
 * timeout: a token may be verified only once, so a retry of a request that
 * reached the provider would be refused as a duplicate anyway.
 */
export class SiteverifyHumanCheck implements HumanCheck {
  readonly endpoint: string;
  readonly timeoutMs: number;
  /** Names the provider and where it was asked, never the secret or the token. */
  private readonly who: string;

  constructor(private readonly options: SiteverifyOptions) {
    this.endpoint = options.verifyUrl ?? options.provider.verifyUrl;
    this.timeoutMs = options.timeoutMs ?? VERIFY_TIMEOUT_MS;
    this.who = `${options.provider.name} siteverify at ${new URL(this.endpoint).host}`;
  }

  async verify(token: string | undefined, clientAddress: string): Promise<HumanCheckVerdict> {
    // The providers' own code for it: no request can make an absent answer valid.
    if (!token) return { outcome: 'not-a-person', errorCodes: ['missing-input-response'] };
    const form = new URLSearchParams({ secret: this.options.secret, response: token });
    const remoteip = plainAddress(clientAddress);
    if (remoteip) form.set('remoteip', remoteip);

    let status: number;
    let text: string;
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        body: form,
        headers: { Accept: 'application/json' },
        // A siteverify endpoint answers where it is asked; following a redirect would resend the secret elsewhere.
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      // The same signal bounds reading the body: a provider that stalls mid-answer is as slow as one that never starts.
      text = await response.text();
    } catch (error) {
      return this.unavailable(describeFailure(error, this.timeoutMs));
    }
    if (status < 200 || status > 299) return this.unavailable(`answered HTTP ${status}`);
    const answer = v.safeParse(SiteverifyAnswer, parseJson(text));
    if (!answer.success) return this.unavailable('answered something other than a siteverify result');
    if (answer.output.success) return { outcome: 'person' };
    const errorCodes = answer.output['error-codes'];
    const blamesUs = errorCodes.filter((code) => NOT_THE_VISITORS_FAULT.has(code));
    if (blamesUs.length > 0) return this.unavailable(`refused to check: ${blamesUs.join(', ')}`);
    return { outcome: 'not-a-person', errorCodes };
  }

  private unavailable(what: string): HumanCheckVerdict {
    return { outcome: 'unavailable', reason: `${this.who} ${what}` };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Why a request got no answer, in words for the log: a timeout, or the network error's code. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if ((error as Error | null)?.name === 'TimeoutError') return `did not answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return `could not be reached${detail ? ` (${detail})` : ''}`;
}

/**
 * The address as the provider knows the visitor: an IPv4 client of a
 * dual-stack socket (`::ffff:203.0.113.7`) is its IPv4 address. No address
 * (a socket already gone) sends none; `remoteip` is optional.
 */
export function plainAddress(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}
