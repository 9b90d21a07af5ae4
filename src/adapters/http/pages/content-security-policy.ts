import { CAPTCHA_DETAILS, type CaptchaWidget } from './captcha-widget.js';

/**
 * The portfolio page's policy: its style sheet, its script and its form are
 * this origin's; images may be the owner's avatar on any https host; nothing
 * inline, no frame, no plugin. `connect-src 'self'` is the script posting the
 * form to `/api/v1/contact`. With a human check, the provider's origins are
 * added to the directives its documentation names, and only then.
 */
export function portfolioContentSecurityPolicy(captcha?: CaptchaWidget): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'style-src': ["'self'"],
    'script-src': ["'self'"],
    'img-src': ["'self'", 'https:', 'data:'],
    'connect-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
  };
  if (captcha) {
    for (const [directive, origins] of Object.entries(CAPTCHA_DETAILS[captcha.provider].policy)) {
      directives[directive] = [...(directives[directive] ?? []), ...origins];
    }
  }
  return Object.entries(directives)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}
