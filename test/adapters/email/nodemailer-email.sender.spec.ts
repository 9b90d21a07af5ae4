import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { NodemailerEmailSender } from '../../../src/adapters/email/nodemailer-email.sender.js';
import type { ContactReceivedData } from '../../../src/domain/events/event.js';

interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

/** An SMTP server in the test process that keeps what it receives. */
async function startSmtp(port = 0): Promise<{ server: SMTPServer; port: number; mails: ReceivedMail[] }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, mails };
}

/** Header lines of a raw message, unfolded, as [name, value] pairs. */
function headersOf(raw: string): [string, string][] {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return head.split('\r\n').map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
  });
}

function bodyOf(raw: string): string {
  return raw.slice(raw.indexOf('\r\n\r\n') + 4);
}

const MESSAGE: ContactReceivedData = {
  id: 'm-1',
  name: 'Grace Sender',
  email: 'grace@example.com',
  subject: 'A project',
  message: 'Hello, I would like to talk about a project.\nTwo lines.',
  receivedAt: '2026-11-25T20:17:51.000Z',
};

describe('NodemailerEmailSender', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sender: NodemailerEmailSender;

  beforeEach(async () => {
    smtp = await startSmtp();
    sender = new NodemailerEmailSender({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      to: 'owner@example.com',
      from: 'portfolio@example.com',
      timeoutMs: 1000,
    });
  });
  afterEach(async () => {
    sender.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('when SMTP accepts, then one plain-text email to the owner alone, from the configured sender, Reply-To the visitor', async () => {
    const outcome = await sender.send(MESSAGE);
    expect(outcome).to.deep.include({ statusCode: null, error: null });
    expect(smtp.mails).to.have.length(1);
    const [mail] = smtp.mails as [ReceivedMail];
    expect(mail.from).to.equal('portfolio@example.com');
    expect(mail.to).to.deep.equal(['owner@example.com']);
    const headers = new Map(headersOf(mail.raw));
    expect(headers.get('from')).to.equal('portfolio@example.com');
    expect(headers.get('to')).to.equal('owner@example.com');
    expect(headers.get('reply-to')).to.equal('Grace Sender <grace@example.com>');
    expect(headers.get('subject')).to.equal('Contact: A project');
    expect(headers.get('content-type')).to.match(/^text\/plain; charset=utf-8/);
    expect(headers.has('cc')).to.equal(false);
    expect(headers.has('bcc')).to.equal(false);
    const body = bodyOf(mail.raw);
    for (const part of [
      'Grace Sender',
      'grace@example.com',
      'A project',
      'Hello, I would like to talk about a project.',
      'Two lines.',
    ]) {
      expect(body).to.include(part);
    }
  });

  it('when the name and subject carry line breaks and header names, then no header is added and nothing goes to another address', async () => {
    await sender.send({
      ...MESSAGE,
      name: 'Mallory\r\nBcc: victim@example.net',
      subject: 'Hi\r\nCc: other@example.net\nX-Injected: yes',
    });
    const [mail] = smtp.mails as [ReceivedMail];
    expect(mail.to).to.deep.equal(['owner@example.com']);
    const names = headersOf(mail.raw).map(([name]) => name);
    expect(names).not.to.include.members(['bcc']);
    expect(names).not.to.include('cc');
    expect(names).not.to.include('x-injected');
    expect(new Map(headersOf(mail.raw)).get('subject')).to.equal('Contact: Hi Cc: other@example.net X-Injected: yes');
  });

  it('when there is no subject, then the subject names the visitor', async () => {
    const { subject: _subject, ...withoutSubject } = MESSAGE;
    await sender.send(withoutSubject);
    expect(new Map(headersOf(smtp.mails[0]!.raw)).get('subject')).to.equal('Contact: message from Grace Sender');
  });

  it('when the SMTP server is down, then the attempt fails with the reason, and succeeds once it is back', async () => {
    const port = smtp.port;
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    const down = await sender.send(MESSAGE);
    expect(down.statusCode).to.equal(null);
    expect(down.error).to.include('ECONNREFUSED');
    smtp = await startSmtp(port);
    expect(await sender.send(MESSAGE)).to.deep.include({ error: null });
    expect(smtp.mails).to.have.length(1);
  });

  it('when the attempt is interrupted, then it ends at once as interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await sender.send(MESSAGE, controller.signal)).to.deep.include({ error: 'The attempt was interrupted' });
  });
});
