import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isRefusedAddress } from '../../../server/webhooks/address-check.ts';

describe('isRefusedAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.10',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'febf::1',
    'fec0::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:c0a8:101',
    '::ffff:169.254.169.254',
    '0:0:0:0:0:ffff:a00:1',
    '64:ff9b::10.0.0.1',
    '::127.0.0.1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isRefusedAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '192.169.0.1', '169.255.0.1', '2001:4860:4860::8888', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])(
    'lets %s through',
    (address) => {
      expect(isRefusedAddress(address)).toBe(false);
    },
  );
});

describe('checkWebhookUrl', () => {
  const resolvesTo =
    (...addresses: string[]) =>
    async () =>
      addresses;

  it('takes an https URL of a public host', async () => {
    expect(await checkWebhookUrl('https://hooks.example.com/in', { allowPrivate: false, resolve: resolvesTo('93.184.216.34') })).toBeUndefined();
  });

  it('refuses http, other schemes and non-URLs', async () => {
    expect((await checkWebhookUrl('http://hooks.example.com/in', { allowPrivate: false, resolve: resolvesTo('93.184.216.34') }))?.code).toBe('webhook_url_not_https');
    expect((await checkWebhookUrl('ftp://hooks.example.com/in', { allowPrivate: false, resolve: resolvesTo('93.184.216.34') }))?.code).toBe('webhook_url_not_https');
    expect((await checkWebhookUrl('hooks.example.com', { allowPrivate: false }))?.code).toBe('webhook_url_invalid');
  });

  it('refuses a host that is or resolves to a private address, any one of several', async () => {
    expect((await checkWebhookUrl('https://127.0.0.1/in', { allowPrivate: false }))?.code).toBe('webhook_url_private');
    expect((await checkWebhookUrl('https://[::ffff:10.0.0.1]/in', { allowPrivate: false }))?.code).toBe('webhook_url_private');
    expect((await checkWebhookUrl('https://[fd00::1]:8443/in', { allowPrivate: false }))?.code).toBe('webhook_url_private');
    expect((await checkWebhookUrl('https://0.0.0.0/in', { allowPrivate: false }))?.code).toBe('webhook_url_private');
    expect((await checkWebhookUrl('https://internal.example.com/in', { allowPrivate: false, resolve: resolvesTo('93.184.216.34', '192.168.0.5') }))?.code).toBe('webhook_url_private');
  });

  it('refuses a host that does not resolve', async () => {
    const failing = async () => {
      throw new Error('ENOTFOUND');
    };
    expect((await checkWebhookUrl('https://nowhere.invalid/', { allowPrivate: false, resolve: failing }))?.code).toBe('webhook_url_unresolvable');
  });

  it('with the allowance, takes private addresses and http to loopback, but not http elsewhere', async () => {
    expect(await checkWebhookUrl('https://10.0.0.1/in', { allowPrivate: true })).toBeUndefined();
    expect(await checkWebhookUrl('http://127.0.0.1:8080/in', { allowPrivate: true })).toBeUndefined();
    expect(await checkWebhookUrl('http://[::1]:8080/in', { allowPrivate: true })).toBeUndefined();
    expect((await checkWebhookUrl('http://10.0.0.1/in', { allowPrivate: true }))?.code).toBe('webhook_url_not_https');
  });
});
