/**
 * The human-check widget on the contact form: the provider's script draws it
 * into an element of its class and, once the visitor passes, puts its answer
 * in a form field of its own name, which the form's handler sends to the API
 * as `captchaToken`.
 */
export const CAPTCHA_PROVIDERS = ['turnstile', 'hcaptcha'] as const;
export type CaptchaProvider = (typeof CAPTCHA_PROVIDERS)[number];

export interface CaptchaWidget {
  readonly provider: CaptchaProvider;
  /** The provider's public site key (`CAPTCHA_SITE_KEY`). */
  readonly siteKey: string;
}

export interface CaptchaProviderDetails {
  readonly script: string;
  readonly widgetClass: string;
  readonly responseField: string;
  /** What the page's Content-Security-Policy must add, by directive (each provider's documented list). */
  readonly policy: Readonly<Record<string, readonly string[]>>;
}

const HCAPTCHA_ORIGINS = ['https://hcaptcha.com', 'https://*.hcaptcha.com'];

export const CAPTCHA_DETAILS: Readonly<Record<CaptchaProvider, CaptchaProviderDetails>> = {
  turnstile: {
    script: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
    widgetClass: 'cf-turnstile',
    responseField: 'cf-turnstile-response',
    policy: { 'script-src': ['https://challenges.cloudflare.com'], 'frame-src': ['https://challenges.cloudflare.com'] },
  },
  hcaptcha: {
    script: 'https://js.hcaptcha.com/1/api.js',
    widgetClass: 'h-captcha',
    responseField: 'h-captcha-response',
    policy: {
      'script-src': HCAPTCHA_ORIGINS,
      'frame-src': HCAPTCHA_ORIGINS,
      'style-src': HCAPTCHA_ORIGINS,
      'connect-src': HCAPTCHA_ORIGINS,
    },
  },
};

/** The form fields a widget's answer may arrive in, whichever provider drew it. */
export const CAPTCHA_RESPONSE_FIELDS = CAPTCHA_PROVIDERS.map((provider) => CAPTCHA_DETAILS[provider].responseField);
