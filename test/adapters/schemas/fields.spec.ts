import { expect } from 'chai';
import * as v from 'valibot';
import { calendarDate, email, httpsUrl, id, line, prose, timestamp } from '../../../src/adapters/schemas/fields.js';

const accepts = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value).success;

describe('shared field schemas', () => {
  it('timestamp accepts the exact form the service writes and refuses dates that would roll over', () => {
    expect(accepts(timestamp, '2026-11-25T20:17:51.000Z')).to.equal(true);
    expect(accepts(timestamp, '2026-02-28T23:59:59.999Z')).to.equal(true);
    expect(accepts(timestamp, '2026-02-30T00:00:00.000Z')).to.equal(false);
    expect(accepts(timestamp, '2026-11-25T20:17:51Z')).to.equal(false);
    expect(accepts(timestamp, '2026-11-25T24:00:00.000Z')).to.equal(false);
  });

  it('calendarDate accepts days that exist only', () => {
    expect(accepts(calendarDate, '2024-02-29')).to.equal(true);
    expect(accepts(calendarDate, '2023-02-29')).to.equal(false);
    expect(accepts(calendarDate, '2024-13-01')).to.equal(false);
    expect(accepts(calendarDate, '2024-1-01')).to.equal(false);
    expect(accepts(calendarDate, '0000-01-01')).to.equal(false);
    expect(accepts(calendarDate, '0999-12-31')).to.equal(false);
    expect(accepts(calendarDate, '1000-01-01')).to.equal(true);
  });

  it('httpsUrl accepts https URLs with a host only', () => {
    expect(accepts(httpsUrl, 'https://example.com/a?b=c')).to.equal(true);
    expect(accepts(httpsUrl, 'http://example.com')).to.equal(false);
    expect(accepts(httpsUrl, 'javascript:alert(1)')).to.equal(false);
    expect(accepts(httpsUrl, 'https://')).to.equal(false);
    expect(accepts(httpsUrl, `https://example.com/${'a'.repeat(2048)}`)).to.equal(false);
  });

  // JSON Schema's minLength/maxLength, which the OpenAPI document states, count code points.
  it('text lengths count characters (code points), not UTF-16 units: an emoji is one', () => {
    expect('🚀'.length).to.equal(2);
    expect(accepts(line(1, 3), '🚀🚀🚀')).to.equal(true);
    expect(accepts(line(1, 3), '🚀🚀🚀🚀')).to.equal(false);
    expect(accepts(prose(10, 5), '🚀🚀🚀🚀')).to.equal(false);
    expect(accepts(prose(10, 5), '🚀🚀🚀🚀🚀')).to.equal(true);
  });

  it('text refuses NUL and unpaired surrogates, which no storage keeps as sent, and takes paired ones', () => {
    for (const schema of [line(0, 20), prose(20), id]) {
      expect(accepts(schema, 'a\u0000b')).to.equal(false);
      expect(accepts(schema, 'a\ud800b')).to.equal(false);
      expect(accepts(schema, 'a\udc00')).to.equal(false);
      expect(accepts(schema, 'a🚀b')).to.equal(true);
    }
    expect(accepts(httpsUrl, 'https://example.com/\u0000')).to.equal(false);
    expect(accepts(email, 'grace\u0000@example.com')).to.equal(false);
    expect(v.safeParse(line(0, 20), 'a\u0000').issues?.map((i) => i.message)).to.deep.equal([
      'Must not contain NUL characters or unpaired surrogates',
    ]);
  });

  it('text length problems keep their words', () => {
    const issuesOf = (schema: v.GenericSchema, value: string) =>
      v.safeParse(schema, value).issues?.map((i) => i.message);
    expect(issuesOf(line(1, 3), '  ')).to.deep.equal(['Must not be empty']);
    expect(issuesOf(line(2, 3), 'a')).to.deep.equal(['Must be at least 2 characters']);
    expect(issuesOf(line(1, 3), 'abcd')).to.deep.equal(['Must be at most 3 characters']);
    expect(issuesOf(prose(3, 1), '')).to.deep.equal(['Must be at least 1 characters']);
  });
});
