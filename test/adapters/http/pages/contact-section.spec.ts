import { expect } from 'chai';
import {
  EMPTY_CONTACT_FORM,
  invalidOutcome,
  type ContactFormState,
} from '../../../../src/adapters/http/pages/contact-form.js';
import { renderPage, samplePortfolio, texts } from './rendered-page.js';

const TYPED = {
  name: 'Grace <Hopper>',
  email: 'grace@example',
  subject: 'A "project"',
  message: 'Hi </textarea><script>',
};

const formIn = (form: ContactFormState, options = {}) => renderPage(samplePortfolio(), form, options).document;
const htmlOf = (form: ContactFormState) => renderPage(samplePortfolio(), form).html;

describe('the contact form on the portfolio page', () => {
  it('when nothing was sent yet, then it posts a form to /contact, with labelled empty fields and no message', () => {
    const document = formIn(EMPTY_CONTACT_FORM);
    const form = document.querySelector('form#contact-form')!;
    expect(form.getAttribute('method')).to.equal('post');
    expect(form.getAttribute('action')).to.equal('/contact#contact');
    expect(form.getAttribute('data-api')).to.equal('/api/v1/contact');
    for (const [name, label] of [
      ['name', 'Your name (required)'],
      ['email', 'Your email (required)'],
      ['subject', 'Subject'],
      ['message', 'Message (required)'],
    ] as const) {
      const control = form.querySelector(`[name="${name}"]`)!;
      expect(form.querySelector(`label[for="${control.id}"]`)!.textContent).to.equal(label);
      expect(control.getAttribute('aria-invalid')).to.equal(null);
    }
    expect((form.querySelector('[name=email]') as HTMLInputElement).getAttribute('type')).to.equal('email');
    expect(form.querySelector('[name=message]')!.getAttribute('minlength')).to.equal('10');
    expect(form.querySelector('[name=message]')!.getAttribute('maxlength')).to.equal('5000');
    expect(texts(document, '#contact-status')).to.deep.equal(['']);
    expect(document.querySelector('#contact-status')!.getAttribute('aria-live')).to.equal('polite');
  });

  it('when a field was wrong, then the message says so, each wrong field carries its message, and what was typed stays', () => {
    const document = formIn({
      values: TYPED,
      outcome: invalidOutcome([
        { path: 'email', message: 'Must be a valid email address' },
        { path: 'message', message: 'Must be at least 10 characters' },
      ]),
    });
    expect(texts(document, '#contact-status')).to.deep.equal([
      'The message was not sent: please correct the 2 fields marked below.',
    ]);
    const email = document.querySelector('#contact-email')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.equal('contact-email-hint contact-email-error');
    expect(document.querySelector('#contact-email-error')!.textContent).to.equal('Must be a valid email address');
    expect(document.querySelector('#contact-email-error')!.hasAttribute('hidden')).to.be.false;
    expect(document.querySelector('#contact-name')!.getAttribute('aria-invalid')).to.equal(null);
    expect(document.querySelector('#contact-name-error')!.hasAttribute('hidden')).to.be.true;
    expect(document.querySelector('#contact-name')!.getAttribute('value')).to.equal('Grace <Hopper>');
    expect(document.querySelector('#contact-subject')!.getAttribute('value')).to.equal('A "project"');
    // A text area's content is escapable raw text: the browser decodes &lt; (linkedom leaves it as written).
    expect(htmlOf({ values: TYPED, outcome: { kind: 'unavailable' } })).to.match(
      /<textarea [^>]*id="contact-message"[^>]*>Hi &lt;\/textarea>&lt;script><\/textarea>/,
    );
    expect(document.querySelectorAll('script:not([src])')).to.have.length(0);
  });

  it('when the message was sent, then it thanks the visitor and the fields are empty again', () => {
    const document = formIn({ values: TYPED, outcome: { kind: 'sent' } });
    expect(texts(document, '#contact-status')).to.deep.equal([
      'Thank you, your message was sent. You will get an answer by email.',
    ]);
    expect(document.querySelector('#contact-status')!.getAttribute('class')).to.equal(
      'form-status form-status-success',
    );
    expect(document.querySelector('#contact-name')!.getAttribute('value')).to.equal('');
    expect(document.querySelector('#contact-message')!.textContent).to.equal('');
  });

  it('when too many messages came from the visitor, then it says when to try again and keeps what was typed', () => {
    const document = formIn({ values: TYPED, outcome: { kind: 'rate-limited', retryAfterSeconds: 230 } });
    expect(texts(document, '#contact-status')).to.deep.equal([
      'The message was not sent: too many messages came from your address. Please try again in 4 minutes.',
    ]);
    expect(document.querySelector('#contact-status')!.getAttribute('class')).to.equal('form-status form-status-error');
    expect(document.querySelector('#contact-email')!.getAttribute('value')).to.equal('grace@example');
  });

  it('when the service is unavailable or the human check failed, then it says which', () => {
    expect(texts(formIn({ values: TYPED, outcome: { kind: 'unavailable' } }), '#contact-status')).to.deep.equal([
      'The message was not sent: the service is unavailable right now. Please try again in a few minutes.',
    ]);
    expect(texts(formIn({ values: TYPED, outcome: { kind: 'captcha-failed' } }), '#contact-status')).to.deep.equal([
      'The message was not sent: the human check did not pass. Please complete it again, then send.',
    ]);
  });

  it('when rendered, then the honeypot is out of sight, out of the tab order, silent to screen readers and never autofilled', () => {
    const document = formIn(EMPTY_CONTACT_FORM);
    const trap = document.querySelector('[name=website]')!;
    expect(trap.closest('.trap')!.getAttribute('aria-hidden')).to.equal('true');
    expect(trap.getAttribute('tabindex')).to.equal('-1');
    expect(trap.getAttribute('autocomplete')).to.equal('off');
    expect(trap.getAttribute('value')).to.equal('');
  });

  describe('human check', () => {
    it('when no site key is configured, then there is no widget and no script from another host', () => {
      const document = formIn(EMPTY_CONTACT_FORM);
      expect(document.querySelector('.cf-turnstile, .h-captcha')).to.equal(null);
      expect([...document.querySelectorAll('script')].map((s) => s.getAttribute('src'))).to.deep.equal([
        '/assets/contact-form-DEF456.js',
      ]);
      expect(document.querySelector('#contact-form')!.hasAttribute('data-captcha')).to.be.false;
    });

    it('when Turnstile is configured, then the form carries its widget with the site key and the page loads its script', () => {
      const document = formIn(EMPTY_CONTACT_FORM, { captcha: { provider: 'turnstile', siteKey: '0x4AAA"key' } });
      expect(document.querySelector('#contact-form .cf-turnstile')!.getAttribute('data-sitekey')).to.equal(
        '0x4AAA"key',
      );
      expect(document.querySelector('#contact-form')!.getAttribute('data-captcha')).to.equal('turnstile');
      expect([...document.querySelectorAll('script')].map((s) => s.getAttribute('src'))).to.deep.equal([
        '/assets/contact-form-DEF456.js',
        'https://challenges.cloudflare.com/turnstile/v0/api.js',
      ]);
    });

    it('when hCaptcha is configured, then the form carries its widget and the page loads its script', () => {
      const document = formIn(EMPTY_CONTACT_FORM, { captcha: { provider: 'hcaptcha', siteKey: 'site-key' } });
      expect(document.querySelector('#contact-form .h-captcha')!.getAttribute('data-sitekey')).to.equal('site-key');
      expect(document.querySelector('script[src="https://js.hcaptcha.com/1/api.js"]')).to.exist;
      expect(document.querySelector('.cf-turnstile')).to.equal(null);
    });
  });
});
