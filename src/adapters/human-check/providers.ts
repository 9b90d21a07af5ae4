/**
 * The human-check providers the service speaks to: where their siteverify
 * endpoint is, and what a page needs to show their widget.
 */

export type CaptchaProviderName = 'turnstile' | 'hcaptcha';

/** Content-Security-Policy directives a widget needs besides the page's own origin. */
export type WidgetDirective = 'script-src' | 'frame-src' | 'style-src' | 'connect-src';

export interface CaptchaWidget {
  /** The script that renders the widget (`async defer`). */
  readonly scriptUrl: string;
  /** The class of the element the script turns into the widget; the element carries `data-sitekey`. */
  readonly containerClass: string;
  /** The form field the widget fills with its answer: what the form posts, and the API takes as `captchaToken`. */
  readonly responseField: string;
  /** The origins each directive of the page's Content-Security-Policy must allow, and no others. */
  readonly contentSecurityPolicy: Readonly<Partial<Record<WidgetDirective, readonly string[]>>>;
}

export interface CaptchaProvider {
  readonly name: CaptchaProviderName;
  /** The siteverify endpoint; CAPTCHA_VERIFY_URL replaces it. */
  readonly verifyUrl: string;
  readonly widget: CaptchaWidget;
}

/** hCaptcha serves from subdomains that vary over time and region: its documentation asks for the wildcard. */
const HCAPTCHA_ORIGINS = ['https://hcaptcha.com', 'https://*.hcaptcha.com'];

export const CAPTCHA_PROVIDERS: Readonly<Record<CaptchaProviderName, CaptchaProvider>> = {
  // https://developers.cloudflare.com/turnstile/ (server-side validation; reference: Content Security Policy)
  turnstile: {
    name: 'turnstile',
    verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    widget: {
      scriptUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
      containerClass: 'cf-turnstile',
      responseField: 'cf-turnstile-response',
      contentSecurityPolicy: {
        'script-src': ['https://challenges.cloudflare.com'],
        'frame-src': ['https://challenges.cloudflare.com'],
      },
    },
  },
  // https://docs.hcaptcha.com/ (siteverify; Content-Security-Policy settings)
  hcaptcha: {
    name: 'hcaptcha',
    verifyUrl: 'https://api.hcaptcha.com/siteverify',
    widget: {
      scriptUrl: 'https://js.hcaptcha.com/1/api.js',
      containerClass: 'h-captcha',
      responseField: 'h-captcha-response',
      contentSecurityPolicy: {
        'script-src': HCAPTCHA_ORIGINS,
        'frame-src': HCAPTCHA_ORIGINS,
        'style-src': HCAPTCHA_ORIGINS,
        'connect-src': HCAPTCHA_ORIGINS,
      },
    },
  },
};
