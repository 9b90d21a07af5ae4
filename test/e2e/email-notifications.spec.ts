import { expect } from 'chai';
import { eventually, startInProcess, type InProcessService } from '../support/in-process-service.js';
import { bodyOf, headersOf, SmtpSink } from '../support/smtp-sink.js';

const OWNER = 'owner@example.com';
const SITE = 'portfolio@example.com';

const message = {
  name: 'Grace Sender',
  email: 'grace@example.com',
  subject: 'A project',
  message: 'Hello, I would like to talk about a project.',
};

describe('email to the owner, black-box: a contact message in over HTTP, an email out to an SMTP server', function () {
  this.timeout(10_000);
  let smtp: SmtpSink;
  let service: InProcessService;

  beforeEach(async () => {
    smtp = await SmtpSink.start();
    service = await startInProcess({
      env: {
        DELIVERY_RETRY_SCHEDULE: '10s,1m',
        SMTP_URL: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`,
        NOTIFY_EMAIL_TO: OWNER,
        NOTIFY_EMAIL_FROM: SITE,
      },
    });
  });
  afterEach(async () => {
    await service.stop();
    await smtp.stop();
  });

  async function contact(body: Record<string, unknown> = message): Promise<string> {
    const res = await fetch(`${service.url}/api/v1/contact`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).to.equal(202);
    return ((await res.json()) as { data: { id: string } }).data.id;
  }

  const notificationOf = async (id: string) =>
    ((await (await service.admin('GET', `/api/v1/messages/${id}`)).json()) as { data: { notification: unknown } }).data
      .notification;

  const until = (id: string, status: string) =>
    eventually(async () => {
      const notification = (await notificationOf(id)) as { status: string } | null;
      return notification?.status === status ? notification : undefined;
    }, `the notification to be ${status}`);

  it('when a message is stored, then the owner gets a plain-text email, From the site, Reply-To the visitor, and the message says sent', async () => {
    const id = await contact();
    await eventually(() => smtp.mails.length === 1, 'the email');
    const [mail] = smtp.mails;
    expect(mail!.from).to.equal(SITE);
    expect(mail!.to).to.deep.equal([OWNER]);
    const headers = new Map(headersOf(mail!.raw));
    expect(headers.get('from')).to.equal(SITE);
    expect(headers.get('to')).to.equal(OWNER);
    expect(headers.get('reply-to')).to.equal('Grace Sender <grace@example.com>');
    expect(headers.get('subject')).to.equal('Contact: A project');
    expect(headers.get('content-type')).to.match(/^text\/plain/);
    for (const part of Object.values(message)) expect(bodyOf(mail!.raw)).to.include(part);
    expect(await until(id, 'sent')).to.deep.equal({ status: 'sent', attempts: 1, lastError: null });
    expect(smtp.logins).to.deep.equal(['mailer']);
  });

  it('when the name carries "\\r\\nBcc:", then no header is added and the email goes to the owner alone', async () => {
    await contact({ ...message, name: 'Mallory\r\nBcc: victim@example.net', subject: 'Hi\r\nCc: x@example.net' });
    await eventually(() => smtp.mails.length === 1, 'the email');
    const [mail] = smtp.mails;
    expect(mail!.to).to.deep.equal([OWNER]);
    const names = headersOf(mail!.raw).map(([name]) => name);
    expect(names).not.to.include('bcc');
    expect(names).not.to.include('cc');
  });

  it('when the SMTP server is down, then the email is retried on the schedule and is sent once it is back', async () => {
    await smtp.stop();
    const id = await contact();
    const failing = await eventually(async () => {
      const notification = (await notificationOf(id)) as { status: string; attempts: number; lastError: string };
      return notification.attempts === 1 ? notification : undefined;
    }, 'the first attempt');
    expect(failing.status).to.equal('pending');
    expect(failing.lastError).to.include('ECONNREFUSED');
    expect(failing.lastError).not.to.include('s3cret');

    await smtp.listen();
    service.clock.advance(10_000);
    expect(await until(id, 'sent')).to.deep.equal({ status: 'sent', attempts: 2, lastError: null });
    expect(smtp.mails).to.have.length(1);
  });

  it('when the SMTP server stays down, then the email ends failed after the schedule; notify sends it again', async () => {
    await smtp.stop();
    const id = await contact();
    await eventually(async () => ((await notificationOf(id)) as { attempts: number }).attempts === 1, '1st attempt');
    service.clock.advance(10_000);
    await eventually(async () => ((await notificationOf(id)) as { attempts: number }).attempts === 2, '2nd attempt');
    service.clock.advance(60_000);
    expect(await until(id, 'failed')).to.deep.include({ attempts: 3 });

    await smtp.listen();
    const res = await service.admin('POST', `/api/v1/messages/${id}/notify`);
    expect(res.status).to.equal(202);
    expect(await until(id, 'sent')).to.deep.include({ attempts: 4 });
    expect(smtp.mails).to.have.length(1);
  });

  it('when the honeypot is filled in, then no email is sent', async () => {
    await contact({ ...message, website: 'https://spam.example' });
    const id = await contact();
    await eventually(() => smtp.mails.length === 1, 'the one email');
    await until(id, 'sent');
    expect(smtp.mails).to.have.length(1);
  });
});
