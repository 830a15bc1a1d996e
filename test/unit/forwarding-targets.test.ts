import { describe, expect, it } from 'vitest';
import { resolveTarget } from '@/lib/forwarding/send';
import { checkTargetUrl, isPrivateAddress } from '@/lib/forwarding/targets';

const DENY = { allowPrivateTargets: false };
const ALLOW = { allowPrivateTargets: true };

// IPv6 addresses that carry an IPv4 address: each form once with a private, loopback or
// link-local address inside (refused), and once with a public one (allowed).
const EMBEDDINGS: { form: string; inside: string[]; public: string[] }[] = [
  { form: 'IPv4-mapped ::ffff:0:0/96', inside: ['::ffff:127.0.0.1', '::ffff:a00:1', '::ffff:a9fe:a9fe'], public: ['::ffff:8.8.8.8', '::ffff:101:101'] },
  {
    form: 'IPv4-translated ::ffff:0:0:0/96',
    inside: ['::ffff:0:7f00:1', '::ffff:0:a00:1', '::ffff:0:a9fe:a9fe', '::ffff:0:c0a8:101'],
    public: ['::ffff:0:808:808'],
  },
  { form: 'IPv4-compatible ::/96', inside: ['::7f00:1', '::a00:1', '::a9fe:a9fe', '::0.0.0.2'], public: ['::808:808'] },
  { form: 'NAT64 64:ff9b::/96', inside: ['64:ff9b::7f00:1', '64:ff9b::a00:1', '64:ff9b::a9fe:a9fe'], public: ['64:ff9b::808:808'] },
  {
    form: 'local-use NAT64 64:ff9b:1::/48, read at every position a prefix of /48 to /96 puts the address',
    // 127.0.0.1 as a /48 prefix places it (bits 48-63 and 72-87); 10.0.0.1 as a /96 prefix places
    // it; 8.8.8.8 at the end is 0.0.0.8 to a /64 prefix.
    inside: ['64:ff9b:1:7f00:0:100::', '64:ff9b:1::a00:1', '64:ff9b:1::808:808'],
    public: ['64:ff9b:1:808:8:808:808:808'],
  },
  { form: '6to4 2002::/16', inside: ['2002:7f00:1::1', '2002:a00:1::', '2002:a9fe:a9fe:1::1'], public: ['2002:808:808::1'] },
  {
    form: 'Teredo 2001::/32 (server in bits 32-63, client XORed with 0xffffffff in the last 32)',
    // Public server 65.54.227.120 with client 10.0.0.1 or 127.0.0.1; private server 127.0.0.1 / 10.0.0.1 with client 8.8.8.8.
    inside: ['2001:0:4136:e378:8000:63bf:f5ff:fffe', '2001:0:4136:e378:8000:63bf:80ff:fffe', '2001:0:7f00:1:8000:63bf:f7f7:f7f7', '2001:0:a00:1::f7f7:f7f7'],
    public: ['2001:0:4136:e378:8000:63bf:f7f7:f7f7'],
  },
];

describe('which addresses are public', () => {
  it('tells public addresses from private, loopback, link-local, metadata and reserved ones', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001::200e']) expect(isPrivateAddress(address), address).toBe(false);
    for (const address of [
      '0.0.0.0',
      '10.0.0.1',
      '100.64.0.1',
      '127.0.0.1',
      '127.255.255.254',
      '169.254.169.254',
      '172.16.0.1',
      '172.31.255.255',
      '192.0.2.1',
      '192.168.0.1',
      '198.18.0.1',
      '224.0.0.1',
      '240.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fc00::1',
      'fd00:ec2::254',
      'fe80::1',
      'fec0::1',
      'ff02::1',
      '100::1',
      '2001:db8::1',
      '3fff::1',
      'not an address',
      '127.1',
      '',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  for (const { form, inside, public: outside } of EMBEDDINGS) {
    it(`refuses ${form} around a private address, and allows it around a public one`, () => {
      for (const address of inside) expect(isPrivateAddress(address), address).toBe(true);
      for (const address of outside) expect(isPrivateAddress(address), address).toBe(false);
    });
  }
});

describe('an endpoint URL', () => {
  it('accepts a public https URL as given, and with the flag http and private ones', () => {
    expect(checkTargetUrl('https://siem.example.com:8088/services/collector?token=abc', DENY).href).toBe(
      'https://siem.example.com:8088/services/collector?token=abc',
    );
    expect(checkTargetUrl('https://8.8.8.8/hooks', DENY).host).toBe('8.8.8.8');
    expect(checkTargetUrl('http://127.0.0.1:9000/hooks', ALLOW).host).toBe('127.0.0.1:9000');
    expect(checkTargetUrl('https://localhost/hooks', ALLOW).hostname).toBe('localhost');
    expect(() => checkTargetUrl('ftp://127.0.0.1/', ALLOW)).toThrow(/https/);
    expect(() => checkTargetUrl('https://siem.example.com/#x', DENY)).toThrow(/fragment/);
  });
});

describe('an endpoint URL with a literal address', () => {
  it('is refused when an IPv6 literal embeds a private IPv4 address, in every form', () => {
    for (const { inside } of EMBEDDINGS) {
      for (const address of inside)
        expect(() => checkTargetUrl(`https://[${address}]/hooks`, DENY), address).toThrow(/is private, loopback, link-local or reserved/);
    }
    expect(() => checkTargetUrl('https://[::ffff:0:7f00:1]/', DENY)).toThrow(
      'The address ::ffff:0:7f00:1 is private, loopback, link-local or reserved; events go only to public hosts.',
    );
  });

  it('is accepted when the embedded address is public', () => {
    for (const { public: outside } of EMBEDDINGS) {
      for (const address of outside) expect(checkTargetUrl(`https://[${address}]/hooks`, DENY).protocol, address).toBe('https:');
    }
  });
});

describe('a host name resolved at delivery', () => {
  const resolvingTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const url = new URL('https://siem.acme-corp.com/hooks');

  it('is refused when any of its addresses embeds a private IPv4 address', async () => {
    for (const { inside } of EMBEDDINGS) {
      for (const address of inside) {
        expect(await resolveTarget(url, DENY, resolvingTo('2606:4700:4700::1111', address)), address).toMatch(
          /^the host name resolves to a private or reserved address \(/,
        );
      }
    }
    expect(await resolveTarget(url, DENY, resolvingTo('::ffff:0:7f00:1'))).toBe('the host name resolves to a private or reserved address (::ffff:0:7f00:1)');
  });

  it('is connected to when its addresses embed public ones', async () => {
    for (const { public: outside } of EMBEDDINGS) {
      for (const address of outside) expect(await resolveTarget(url, DENY, resolvingTo(address)), address).toEqual({ address, family: 6 });
    }
  });
});
