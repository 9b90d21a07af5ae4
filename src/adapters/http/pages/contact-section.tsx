import { CAPTCHA_DETAILS, type CaptchaWidget } from './captcha-widget.js';
import {
  EMPTY_CONTACT_VALUES,
  outcomeMessage,
  type ContactField,
  type ContactFormState,
  type ContactOutcome,
} from './contact-form.js';

/** Where the form posts without JavaScript, and where the page's script posts it as JSON. */
export const CONTACT_FORM_ACTION = '/contact';
export const CONTACT_API_PATH = '/api/v1/contact';

interface FieldSpec {
  readonly label: string;
  readonly hint?: string;
  readonly required: boolean;
  readonly maxLength: number;
  readonly minLength?: number;
  readonly type?: 'email';
  readonly autocomplete?: string;
  readonly multiline?: boolean;
}

/** The limits are the contact endpoint's, so the browser catches most mistakes before the service does. */
const FIELDS: Readonly<Record<ContactField, FieldSpec>> = {
  name: { label: 'Your name', required: true, maxLength: 100, autocomplete: 'name' },
  email: {
    label: 'Your email',
    hint: 'Only used to answer you.',
    required: true,
    maxLength: 254,
    type: 'email',
    autocomplete: 'email',
  },
  subject: { label: 'Subject', hint: 'Optional.', required: false, maxLength: 150, autocomplete: 'off' },
  message: {
    label: 'Message',
    hint: 'At least 10 characters.',
    required: true,
    maxLength: 5000,
    minLength: 10,
    multiline: true,
  },
};

const fieldErrors = (outcome: ContactOutcome | undefined) => (outcome?.kind === 'invalid' ? outcome.errors : {});

/**
 * The contact form. It posts `application/x-www-form-urlencoded` to
 * /contact and works without JavaScript; the page's script, when it runs,
 * posts the same fields as JSON and shows the outcome here in place. After a
 * message is sent the fields are empty again; after any other outcome they
 * keep what the visitor typed.
 */
export function ContactSection({ form, captcha }: { form: ContactFormState; captcha?: CaptchaWidget }) {
  const { outcome } = form;
  const values = outcome?.kind === 'sent' ? EMPTY_CONTACT_VALUES : form.values;
  const errors = fieldErrors(outcome);
  const statusClass = outcome
    ? `form-status form-status-${outcome.kind === 'sent' ? 'success' : 'error'}`
    : 'form-status';
  return (
    <section id="contact" class="section contact" aria-labelledby="contact-title">
      <h2 id="contact-title">Contact</h2>
      <p class="lead">A question, a project, a job? Write a few lines and I will answer by email.</p>
      <form
        id="contact-form"
        class="contact-form"
        method="post"
        action={`${CONTACT_FORM_ACTION}#contact`}
        data-api={CONTACT_API_PATH}
        data-captcha={captcha?.provider}
      >
        <p id="contact-status" class={statusClass} role="status" aria-live="polite" tabIndex={-1}>
          {outcome ? outcomeMessage(outcome) : ''}
        </p>
        {(Object.keys(FIELDS) as ContactField[]).map((name) => (
          <FormField key={name} name={name} spec={FIELDS[name]} value={values[name]} error={errors[name]} />
        ))}
        {/* A trap for form-filling bots: out of sight, out of the tab order, silent to screen readers. */}
        <div class="trap" aria-hidden="true">
          <label for="contact-website">Leave this field empty</label>
          <input id="contact-website" name="website" type="text" value="" tabIndex={-1} autocomplete="off" />
        </div>
        {captcha && (
          <div class={`captcha ${CAPTCHA_DETAILS[captcha.provider].widgetClass}`} data-sitekey={captcha.siteKey} />
        )}
        <button type="submit" class="button">
          Send message
        </button>
      </form>
    </section>
  );
}

function FormField({
  name,
  spec,
  value,
  error,
}: {
  name: ContactField;
  spec: FieldSpec;
  value: string;
  error?: string;
}) {
  const id = `contact-${name}`;
  const describedBy = [spec.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    required: spec.required,
    maxLength: spec.maxLength,
    minLength: spec.minLength,
    autocomplete: spec.autocomplete,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {spec.label}
        {spec.required && <span class="required"> (required)</span>}
      </label>
      {spec.hint && (
        <p id={`${id}-hint`} class="hint">
          {spec.hint}
        </p>
      )}
      {spec.multiline ? (
        <textarea {...common} rows={7} value={value} />
      ) : spec.type === 'email' ? (
        <input {...common} type="email" value={value} />
      ) : (
        <input {...common} type="text" value={value} />
      )}
      <p id={`${id}-error`} class="field-error" hidden={!error}>
        {error ?? ''}
      </p>
    </div>
  );
}
