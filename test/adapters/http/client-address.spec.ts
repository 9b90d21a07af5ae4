import { expect } from 'chai';
import { rateLimitKey } from '../../../src/adapters/http/client-address.js';

describe('rateLimitKey', () => {
  const rows: [string, string][] = [
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:DB8::1', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8:0:0::/64'],
    ['2001:db8::abcd:42', '2001:db8:0:0::/64'],
    ['2001:db8:0:1::1', '2001:db8:0:1::/64'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['1::', '1:0:0:0::/64'],
    ['not-an-address', 'not-an-address'],
    ['', ''],
  ];
  for (const [address, key] of rows) {
    it(`counts '${address}' as '${key}'`, () => {
      expect(rateLimitKey(address)).to.equal(key);
    });
  }
});
