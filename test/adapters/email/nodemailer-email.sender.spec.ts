import { expect } from 'chai';
import { NodemailerEmailSender } from '../../../src/adapters/email/nodemailer-email.sender.js';
import type { ContactReceivedData } from '../../../src/domain/events/event.js';
import { bodyOf, headersOf, SmtpSink, type ReceivedMail } from '../../support/smtp-sink.js';

const MESSAGE: ContactReceivedData = {
  id: 'm-1',
  name: 'Grace Sender',
  email: 'grace@example.com',
  subject: 'A project',
  message: 'Hello, I would like to talk about a project.\nTwo lines.',
  receivedAt: '2026-11-25T20:17:51.000Z',
};

describe('NodemailerEmailSender', () => {
  let smtp: SmtpSink;
  let sender: NodemailerEmailSender;

  beforeEach(async () => {
    smtp = await SmtpSink.start();
    sender = new NodemailerEmailSender({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      to: 'owner@example.com',
      from: 'portfolio@example.com',
      timeoutMs: 1000,
    });
  });
  afterEach(async () => {
    sender.close();
    await smtp.stop();
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
    await smtp.stop();
    const down = await sender.send(MESSAGE);
    expect(down.statusCode).to.equal(null);
    expect(down.error).to.include('ECONNREFUSED');
    await smtp.listen();
    expect(await sender.send(MESSAGE)).to.deep.include({ error: null });
    expect(smtp.mails).to.have.length(1);
  });

  it('when the attempt is interrupted, then it ends at once as interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await sender.send(MESSAGE, controller.signal)).to.deep.include({ error: 'The attempt was interrupted' });
  });
});
