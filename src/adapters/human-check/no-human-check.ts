import type { HumanCheck, HumanCheckVerdict } from '../../domain/messages/human-check.js';

/**
 * No provider configured: every submission passes, and a `captchaToken` that
 * a front end already sends is ignored, so that the check can be switched on
 * later without a change to the front end.
 */
export class NoHumanCheck implements HumanCheck {
  verify(): Promise<HumanCheckVerdict> {
    return Promise.resolve({ outcome: 'person' });
  }
}
