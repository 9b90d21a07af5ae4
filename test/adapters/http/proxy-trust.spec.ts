import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import { cameOverHttps, clientAddressOf, trustOf, type TrustProxy } from '../../../src/adapters/http/proxy-trust.js';

/** What the functions read of a request: the socket's peer and its headers. */
function requestFrom(peer: string, headers: Record<string, string> = {}, encrypted = false): IncomingMessage {
  return { socket: { remoteAddress: peer, encrypted }, headers } as unknown as IncomingMessage;
}

const PROXIES: TrustProxy = ['10.0.0.1', '10.1.0.0/16', '2001:db8:ff::/48'];

describe('proxy trust', () => {
  describe('clientAddressOf', () => {
    const rows: [string, TrustProxy, string, string | undefined, string][] = [
      ['no proxy is trusted', false, '203.0.113.7', '198.51.100.1', '203.0.113.7'],
      [
        'a direct client writes X-Forwarded-For to a service with a proxy list',
        PROXIES,
        '203.0.113.7',
        '198.51.100.1',
        '203.0.113.7',
      ],
      ['the listed proxy forwards', PROXIES, '10.0.0.1', '198.51.100.1', '198.51.100.1'],
      [
        'the listed proxy forwards over a dual-stack socket',
        PROXIES,
        '::ffff:10.0.0.1',
        '198.51.100.1',
        '198.51.100.1',
      ],
      [
        'a proxy in a listed IPv6 range forwards an IPv6 client',
        PROXIES,
        '2001:db8:ff:1::5',
        '2001:db8:1::9',
        '2001:db8:1::9',
      ],
      [
        'the client wrote its own entries before those of the proxies',
        PROXIES,
        '10.0.0.1',
        '192.0.2.66, 198.51.100.1, 10.1.4.4',
        '198.51.100.1',
      ],
      ['every entry is a trusted proxy', PROXIES, '10.0.0.1', '10.1.0.9', '10.1.0.9'],
      ['the listed proxy forwards no header', PROXIES, '10.0.0.1', undefined, '10.0.0.1'],
      ['the entry the walk stops at is not an address', PROXIES, '10.0.0.1', '198.51.100.1, not-an-ip', '10.0.0.1'],
      ['the entry the walk stops at has a port', PROXIES, '10.0.0.1', '198.51.100.1:4711', '10.0.0.1'],
      ['the entry the walk stops at is an address only ipaddr.js reads', PROXIES, '10.0.0.1', '2130706433', '10.0.0.1'],
      [
        'an entry only ipaddr.js reads would be a trusted proxy',
        ['127.0.0.1'],
        '127.0.0.1',
        '192.0.2.66, 0x7f000001',
        '127.0.0.1',
      ],
      [
        'any peer is trusted: the peer added the last entry',
        true,
        '203.0.113.7',
        '192.0.2.66, 198.51.100.1',
        '198.51.100.1',
      ],
      [
        'any peer is trusted and the last entry is not an address',
        true,
        '203.0.113.7',
        '198.51.100.1, <script>',
        '203.0.113.7',
      ],
      ['loopback is trusted and the proxy runs on this host', ['loopback'], '::1', '198.51.100.1', '198.51.100.1'],
    ];
    for (const [when, setting, peer, forwarded, client] of rows) {
      it(`when ${when}, then the client is ${client}`, () => {
        const headers: Record<string, string> = forwarded === undefined ? {} : { 'x-forwarded-for': forwarded };
        expect(clientAddressOf(requestFrom(peer, headers), trustOf(setting))).to.equal(client);
      });
    }
  });

  describe('cameOverHttps', () => {
    const rows: [string, TrustProxy, string, Record<string, string>, boolean, boolean][] = [
      ['the socket is TLS', false, '203.0.113.7', {}, true, true],
      ['plain HTTP, straight from the client', false, '203.0.113.7', {}, false, false],
      [
        'a client that is not a proxy says https',
        PROXIES,
        '203.0.113.7',
        { 'x-forwarded-proto': 'https' },
        false,
        false,
      ],
      [
        'no proxy is trusted and the peer says https',
        false,
        '10.0.0.1',
        { 'x-forwarded-proto': 'https' },
        false,
        false,
      ],
      ['the trusted proxy says https', PROXIES, '10.0.0.1', { 'x-forwarded-proto': 'https' }, false, true],
      ['the trusted proxy says HTTPS', PROXIES, '10.0.0.1', { 'x-forwarded-proto': 'HTTPS' }, false, true],
      ['the trusted proxy says http', PROXIES, '10.0.0.1', { 'x-forwarded-proto': 'http' }, false, false],
      ['the first of several hops was https', PROXIES, '10.0.0.1', { 'x-forwarded-proto': 'https, http' }, false, true],
      ['the first of several hops was http', PROXIES, '10.0.0.1', { 'x-forwarded-proto': 'http, https' }, false, false],
      ['any peer is trusted and it says https', true, '203.0.113.7', { 'x-forwarded-proto': 'https' }, false, true],
      ['the trusted proxy says nothing', PROXIES, '10.0.0.1', {}, false, false],
    ];
    for (const [when, setting, peer, headers, encrypted, https] of rows) {
      it(`when ${when}, then ${https ? 'HTTPS' : 'not HTTPS'}`, () => {
        expect(cameOverHttps(requestFrom(peer, headers, encrypted), trustOf(setting))).to.equal(https);
      });
    }
  });
});
