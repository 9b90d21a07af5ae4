import { expect } from 'chai';
import { portfolioContentSecurityPolicy } from '../../../../src/adapters/http/pages/content-security-policy.js';

describe('portfolioContentSecurityPolicy', () => {
  it('when no human check is configured, then only this origin may style, script, connect and receive the form', () => {
    expect(portfolioContentSecurityPolicy()).to.equal(
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' https: data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it('when Turnstile is configured, then its origin may add a script and a frame, and nothing else changes', () => {
    expect(portfolioContentSecurityPolicy({ provider: 'turnstile', siteKey: 'k' })).to.equal(
      "default-src 'none'; style-src 'self'; script-src 'self' https://challenges.cloudflare.com; img-src 'self' https: data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; frame-src https://challenges.cloudflare.com",
    );
  });

  it('when hCaptcha is configured, then its origins may add scripts, frames, styles and requests', () => {
    const hcaptcha = 'https://hcaptcha.com https://*.hcaptcha.com';
    expect(portfolioContentSecurityPolicy({ provider: 'hcaptcha', siteKey: 'k' })).to.equal(
      `default-src 'none'; style-src 'self' ${hcaptcha}; script-src 'self' ${hcaptcha}; img-src 'self' https: data:; ` +
        `connect-src 'self' ${hcaptcha}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; frame-src ${hcaptcha}`,
    );
  });

  it('when rendered, then no directive allows inline code or eval', () => {
    for (const captcha of [
      undefined,
      { provider: 'turnstile', siteKey: 'k' },
      { provider: 'hcaptcha', siteKey: 'k' },
    ] as const) {
      expect(portfolioContentSecurityPolicy(captcha)).not.to.match(/unsafe-(inline|eval|hashes)/);
    }
  });
});
