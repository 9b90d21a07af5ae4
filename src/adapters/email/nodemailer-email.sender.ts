import type { Transporter } from 'nodemailer';
import type { AttemptOutcome } from '../../domain/events/delivery.js';
import type { EmailSender } from '../../domain/events/email-sender.js';
import type { ContactReceivedData } from '../../domain/events/event.js';

export interface EmailSenderOptions {
  /** smtp:// or smtps://, possibly with credentials: never logged, never in an error. */
  readonly smtpUrl: string;
  readonly to: string;
  readonly from: string;
  /** Each of connecting, the greeting and every later SMTP step gives up after this. */
  readonly timeoutMs?: number;
}

/**
 * Sends each contact message to the owner as plain text through nodemailer.
 * Nodemailer tries once and keeps nothing: the outbox holds the email and
 * retries it on the schedule. The visitor is only ever the Reply-To (never the
 * From, which DMARC would reject, and never a recipient): the SMTP envelope
 * names the owner alone, whatever the headers say.
 */
export class NodemailerEmailSender implements EmailSender {
  /** Made with the first email: nodemailer is loaded only by a service that sends one. */
  private transport: Promise<Transporter> | undefined;

  constructor(private readonly options: EmailSenderOptions) {}

  async send(message: ContactReceivedData, signal?: AbortSignal): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const { from, to } = this.options;
    const sending = (await this.transporter()).sendMail({
      from,
      to,
      replyTo: { name: oneLine(message.name), address: message.email },
      subject: oneLine(`Contact: ${message.subject || `message from ${message.name}`}`),
      text: bodyOf(message),
      envelope: { from, to: [to] },
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    try {
      await (signal ? Promise.race([sending, interrupted(signal)]) : sending);
      return { statusCode: null, error: null, durationMs: elapsed() };
    } catch (error) {
      sending.catch(() => undefined);
      return { statusCode: null, error: describe(error), durationMs: elapsed() };
    }
  }

  close(): void {
    void this.transport?.then((transport) => transport.close());
  }

  private transporter(): Promise<Transporter> {
    return (this.transport ??= import('nodemailer').then(({ createTransport }) => {
      const timeout = this.options.timeoutMs ?? 10_000;
      const transport = createTransport(this.options.smtpUrl, {});
      Object.assign(transport.options, {
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
      return transport;
    }));
  }
}

/** Header values on one line: a name or subject with line breaks cannot start a header of its own. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

function bodyOf(message: ContactReceivedData): string {
  return [
    'A visitor sent a message through the contact form.',
    '',
    `Name:     ${oneLine(message.name)}`,
    `Email:    ${message.email}`,
    `Subject:  ${oneLine(message.subject ?? '') || '(none)'}`,
    `Received: ${message.receivedAt}`,
    `Id:       ${message.id}`,
    '',
    message.message,
    '',
    '-- ',
    'Reply to this email to answer the visitor.',
    '',
  ].join('\n');
}

function interrupted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = () => reject(new Error('The attempt was interrupted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
