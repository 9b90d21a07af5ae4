import { expect } from 'chai';
import { contactReceived, contentChanged } from '../../../src/domain/events/event.js';
import { aChange, aMessage } from '../../support/builders.js';

describe('events', () => {
  it('contactReceived: the stored message without status and version, occurring when it was received', () => {
    const message = aMessage({
      id: 'm-3',
      subject: 'Hi',
      receivedAt: '2025-05-05T05:05:05.005Z',
      status: 'new',
      version: 1,
    });
    expect(contactReceived('ev-1', message)).to.deep.equal({
      id: 'ev-1',
      type: 'contact.received',
      occurredAt: '2025-05-05T05:05:05.005Z',
      data: {
        id: 'm-3',
        name: message.name,
        email: message.email,
        subject: 'Hi',
        message: message.message,
        receivedAt: '2025-05-05T05:05:05.005Z',
      },
    });
  });

  it('contactReceived: a message without subject has none in the event', () => {
    expect(contactReceived('ev-1', aMessage()).data).not.to.have.property('subject');
  });

  it('contentChanged: one change, occurring at its instant', () => {
    const change = aChange({
      resource: 'skill',
      action: 'deleted',
      id: 's-1',
      slug: undefined,
      at: '2025-06-01T00:00:00.000Z',
    });
    expect(contentChanged('ev-2', change)).to.deep.equal({
      id: 'ev-2',
      type: 'content.changed',
      occurredAt: '2025-06-01T00:00:00.000Z',
      data: { changes: [change] },
    });
  });
});
