import * as v from 'valibot';
import { maxChars } from '../../schemas/fields.js';
import { CAPTCHA_RESPONSE_FIELDS } from './captcha-widget.js';
import { CONTACT_FIELDS } from './contact-form.js';

/** The longest value a field of the form may have before the message itself is checked: a widget's answer. */
const FORM_VALUE_MAX_CHARS = 16_384;

const formValue = (description: string) =>
  v.optional(v.pipe(v.string('Must be a string'), maxChars(FORM_VALUE_MAX_CHARS), v.description(description)));

const FIELD_DESCRIPTIONS: Readonly<Record<(typeof CONTACT_FIELDS)[number], string>> = {
  name: "The sender's name.",
  email: "The sender's email address.",
  subject: 'Optional; a blank one is left out.',
  message: 'The message.',
};

/**
 * What the contact form on `/` posts without JavaScript: the fields a browser
 * sends from it, each once, as text. Any other field is refused, as the API
 * refuses one (400, problem details): a browser never sends one from this
 * form. Whether the values make a message is the API's own schema's say
 * (ContactInput), answered with the page and its fields marked.
 */
export const ContactFormSchema = v.strictObject(
  {
    ...Object.fromEntries(CONTACT_FIELDS.map((field) => [field, formValue(FIELD_DESCRIPTIONS[field])])),
    website: formValue('The honeypot: hidden from people; the form sends it empty.'),
    ...Object.fromEntries(
      CAPTCHA_RESPONSE_FIELDS.map((field) => [field, formValue("The human-check widget's answer, as it names it.")]),
    ),
    // hCaptcha fills this one too, with the same answer, for forms written for reCAPTCHA.
    'g-recaptcha-response': formValue("hCaptcha's copy of its answer; not read."),
  },
  'Unknown field',
);
