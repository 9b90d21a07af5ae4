import type { CaptchaWidget } from './captcha-widget.js';
import { portfolioContentSecurityPolicy } from './content-security-policy.js';
import { openWebBuild, WEB_BUILD_DIR, type WebBuild } from './web-build.js';

/** What the pages for people are made with, the same for every request of one app. */
export interface PageSettings {
  /** The built browser assets, read on first use: a service that never serves a page never needs them. */
  readonly web: () => WebBuild;
  /** Where that build is (dist/web unless configured). */
  readonly webDir: string;
  /** The human-check widget on the contact form, when a provider and its site key are configured. */
  readonly captcha?: CaptchaWidget;
  /** The portfolio's Content-Security-Policy: the widget's provider is allowed when there is a widget. */
  readonly portfolioPolicy: string;
}

export interface PageConfig {
  readonly captchaWidget?: CaptchaWidget | undefined;
  /** Where the built assets are; dist/web unless said (tests). */
  readonly webDir?: string | undefined;
}

export function pageSettings({ captchaWidget, webDir = WEB_BUILD_DIR }: PageConfig): PageSettings {
  // Read again after a failure: the build may have been made since.
  let build: WebBuild | undefined;
  return {
    web: () => (build ??= openWebBuild(webDir)),
    webDir,
    ...(captchaWidget ? { captcha: captchaWidget } : {}),
    portfolioPolicy: portfolioContentSecurityPolicy(captchaWidget),
  };
}
