import { CAPTCHA_DETAILS, type CaptchaWidget } from './captcha-widget.js';

/**
 * The portfolio page's policy: its style sheet, its script and its form are
 * this origin's, and so is every image (the page shows the owner's initials
 * rather than an avatar from another host); nothing inline, no frame, no
 * plugin. `connect-src 'self'` is the script posting the form to
 * `/api/v1/contact`. With a human check, the provider's origins are added to
 * the directives its documentation names, and only then.
 */
export function portfolioContentSecurityPolicy(captcha?: CaptchaWidget): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'style-src': ["'self'"],
    'script-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
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

/**
 * The console's policy (`/admin`): its script and style sheet are files of
 * this origin, and it talks to this origin's API only; nothing inline.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
