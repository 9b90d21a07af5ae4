import type { ComponentChildren } from 'preact';
import { CAPTCHA_DETAILS, type CaptchaWidget } from './captcha-widget.js';

/** Where the page's own style sheet and script are served: fingerprinted names, so they can be cached for good. */
export interface PageAssets {
  readonly stylesheet: string;
  readonly script: string;
}

interface DocumentProps {
  readonly title: string;
  readonly description: string;
  readonly assets: PageAssets;
  readonly captcha?: CaptchaWidget;
  readonly children: ComponentChildren;
}

/**
 * The HTML document around a page. Nothing inline: the style sheet and the
 * scripts are files, so the Content-Security-Policy can refuse inline code.
 * The empty `data:` icon spares the browser a request for /favicon.ico.
 */
export function PageDocument({ title, description, assets, captcha, children }: DocumentProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assets.stylesheet} />
        <script src={assets.script} defer />
        {captcha && <script src={CAPTCHA_DETAILS[captcha.provider].script} async defer />}
      </head>
      <body>{children}</body>
    </html>
  );
}
