import { expect } from 'chai';
import { nonPublicRange } from '../../../src/adapters/webhooks/address-range.js';
import { WebhookTargetPolicy, type Resolver } from '../../../src/adapters/webhooks/url-policy.js';

/** Names resolve only here: no test sends a DNS query. */
const DNS: Record<string, string[]> = {
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'inside.example.com': ['10.0.0.7'],
  'mixed.example.com': ['93.184.215.14', '127.0.0.1'],
  'metadata.example.com': ['169.254.169.254'],
  'v6-loopback.example.com': ['::1'],
};
const fakeResolver: Resolver = async (hostname) => {
  const addresses = DNS[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('webhook targets', () => {
  describe('nonPublicRange', () => {
    const refused: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['127.255.0.9', 'loopback'],
      ['::1', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.5.4', 'private'],
      ['192.168.1.1', 'private'],
      ['169.254.169.254', 'link-local'],
      ['fe80::1', 'link-local'],
      ['fc00::1', 'unique-local'],
      ['fd12:3456::1', 'unique-local'],
      ['100.64.0.1', 'carrier-grade NAT'],
      ['224.0.0.1', 'multicast'],
      ['ff02::1', 'multicast'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['255.255.255.255', 'broadcast'],
      ['192.0.2.1', 'reserved'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:10.1.2.3', 'private'],
      ['::ffff:7f00:1', 'loopback'],
      ['64:ff9b::a00:1', 'rfc6052'],
      ['2002:7f00:1::', '6to4'],
    ];
    for (const [address, range] of refused) {
      it(`${address} is ${range}`, () => expect(nonPublicRange(address)).to.equal(range));
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
      it(`${address} is public`, () => expect(nonPublicRange(address)).to.equal(null));
    }
  });

  describe('WebhookTargetPolicy', () => {
    const strict = new WebhookTargetPolicy({ allowPrivate: false, resolve: fakeResolver });
    const lenient = new WebhookTargetPolicy({
      allowPrivate: true,
      resolve: () => Promise.reject(new Error('must not resolve when private targets are allowed')),
    });

    it('when the host is a public name or address, then the URL is allowed', async () => {
      expect(await strict.refusalOf('https://hooks.example.com/build?token=x')).to.equal(null);
      expect(await strict.refusalOf('https://93.184.215.14/')).to.equal(null);
      expect(await strict.refusalOf('https://[2606:4700::1111]:8443/')).to.equal(null);
    });

    const literals: [string, string][] = [
      ['https://127.0.0.1/', 'loopback address (127.0.0.1)'],
      ['https://10.0.0.1/hook', 'private address (10.0.0.1)'],
      ['https://[::1]/', 'loopback address (::1)'],
      ['https://169.254.169.254/latest/meta-data', 'link-local address (169.254.169.254)'],
      ['https://0.0.0.0/', 'unspecified address (0.0.0.0)'],
      ['https://2130706433/', 'loopback address (127.0.0.1)'],
      ['https://0x7f.1/', 'loopback address (127.0.0.1)'],
      ['https://017700000001/', 'loopback address (127.0.0.1)'],
      ['https://[::ffff:127.0.0.1]/', 'loopback address (::ffff:7f00:1)'],
      ['https://[fd00::1]/', 'unique-local address (fd00::1)'],
    ];
    for (const [url, what] of literals) {
      it(`when the host is ${url}, then it is refused as a ${what}`, async () => {
        expect(await strict.refusalOf(url)).to.equal(`Must not target a ${what} unless WEBHOOK_ALLOW_PRIVATE=true`);
      });
    }

    const names: [string, string][] = [
      ['inside.example.com', '10.0.0.7'],
      ['mixed.example.com', '127.0.0.1'],
      ['metadata.example.com', '169.254.169.254'],
      ['v6-loopback.example.com', '::1'],
    ];
    for (const [name, address] of names) {
      it(`when ${name} resolves to ${address} (among others), then it is refused naming the address`, async () => {
        expect(await strict.refusalOf(`https://${name}/`)).to.match(
          new RegExp(`^${name} resolves to ${address.replace(/\./g, '\\.')}: Must not target`),
        );
      });
    }

    it('when a name does not resolve now, then it is allowed (every delivery checks the address it connects to)', async () => {
      expect(await strict.refusalOf('https://not-yet.example.com/')).to.equal(null);
    });

    it('when resolving fails otherwise, then the failure propagates', async () => {
      const broken = new WebhookTargetPolicy({ allowPrivate: false, resolve: () => Promise.reject(new Error('boom')) });
      await broken.refusalOf('https://x.example/').then(
        () => expect.fail('resolved'),
        (error: Error) => expect(error.message).to.equal('boom'),
      );
    });

    it('when the URL is http, not a URL, or carries credentials, then it is refused', async () => {
      expect(await strict.refusalOf('http://hooks.example.com/')).to.equal('Must be an https URL');
      expect(await strict.refusalOf('ftp://hooks.example.com/')).to.equal('Must be an https URL');
      expect(await strict.refusalOf('hooks.example.com')).to.equal('Must be an https URL');
      expect(await strict.refusalOf('https://user:pw@hooks.example.com/')).to.match(/^Must not carry credentials/);
    });

    it('when WEBHOOK_ALLOW_PRIVATE=true, then loopback, private and http are allowed, without resolving', async () => {
      for (const url of [
        'http://127.0.0.1:8080/',
        'https://10.0.0.1/',
        'http://[::1]/',
        'http://inside.example.com/',
      ]) {
        expect(await lenient.refusalOf(url)).to.equal(null);
      }
      expect(await lenient.refusalOf('ftp://x.example/')).to.equal('Must be an http or https URL');
    });
  });
});
