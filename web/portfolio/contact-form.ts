/**
 * Progressive enhancement of the contact form on `/`: without this script
 * the form posts to /contact and the answer is a new page; with it, the same
 * fields go to the API as JSON and the same outcome shows in place, from the
 * same model the server renders with.
 */
import {
  CONTACT_FIELDS,
  contactSubmission,
  outcomeMessage,
  outcomeOfAnswer,
  type ContactOutcome,
} from '../../src/adapters/http/pages/contact-form.js';

interface CaptchaApi {
  reset(): void;
}

declare global {
  interface Window {
    turnstile?: CaptchaApi;
    hcaptcha?: CaptchaApi;
  }
}

const form = document.getElementById('contact-form');
if (form instanceof HTMLFormElement) enhance(form);

function enhance(form: HTMLFormElement): void {
  const status = document.getElementById('contact-status')!;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });

  function field(name: string): HTMLInputElement | HTMLTextAreaElement {
    return form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement;
  }

  async function send(): Promise<void> {
    const fields = Object.fromEntries(
      [...new FormData(form).entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    button.disabled = true;
    let outcome: ContactOutcome;
    try {
      const response = await fetch(form.dataset.api!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(contactSubmission(fields).input),
      });
      const text = await response.text();
      outcome = outcomeOfAnswer(
        response.status,
        text === '' ? undefined : JSON.parse(text),
        response.headers.get('Retry-After'),
      );
    } catch {
      outcome = { kind: 'failed' };
    } finally {
      button.disabled = false;
    }
    show(outcome);
  }

  function show(outcome: ContactOutcome): void {
    const errors = outcome.kind === 'invalid' ? outcome.errors : {};
    for (const name of CONTACT_FIELDS) {
      const input = field(name);
      const error = document.getElementById(`${input.id}-error`)!;
      const message = errors[name];
      error.textContent = message ?? '';
      error.hidden = !message;
      input.closest('.field')?.classList.toggle('field-invalid', Boolean(message));
      const describedBy = (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((id) => id && id !== error.id);
      if (message) {
        input.setAttribute('aria-invalid', 'true');
        describedBy.push(error.id);
      } else input.removeAttribute('aria-invalid');
      if (describedBy.length > 0) input.setAttribute('aria-describedby', describedBy.join(' '));
      else input.removeAttribute('aria-describedby');
    }
    status.textContent = outcomeMessage(outcome);
    status.className = `form-status form-status-${outcome.kind === 'sent' ? 'success' : 'error'}`;
    // Emptied, not reset(): after an attempt without JavaScript, the fields' defaults are what was typed then.
    if (outcome.kind === 'sent') for (const name of CONTACT_FIELDS) field(name).value = '';
    // A widget's answer is good for one submission only.
    const provider = form.dataset.captcha as 'turnstile' | 'hcaptcha' | undefined;
    if (provider) window[provider]?.reset();
    const firstInvalid = CONTACT_FIELDS.find((name) => errors[name]);
    if (firstInvalid) field(firstInvalid).focus();
    else status.focus();
  }
}
