/** The human-check providers the service speaks to, and where their siteverify endpoint is. */

export type CaptchaProviderName = 'turnstile' | 'hcaptcha';

export interface CaptchaProvider {
  readonly name: CaptchaProviderName;
  /** The siteverify endpoint; CAPTCHA_VERIFY_URL replaces it. */
  readonly verifyUrl: string;
}

export const CAPTCHA_PROVIDERS: Readonly<Record<CaptchaProviderName, CaptchaProvider>> = {
  // https://developers.cloudflare.com/turnstile/ (server-side validation)
  turnstile: { name: 'turnstile', verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify' },
  // https://docs.hcaptcha.com/ (siteverify)
  hcaptcha: { name: 'hcaptcha', verifyUrl: 'https://api.hcaptcha.com/siteverify' },
};
