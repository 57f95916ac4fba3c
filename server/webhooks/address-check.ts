/**
 * Where a webhook may send: the SSRF guard. A webhook URL must be https and its host must not be,
 * or resolve to, an address inside this network (loopback, private, link-local, unique-local,
 * unspecified, multicast, carrier-grade NAT). The check runs when the webhook is registered and
 * again on every delivery, inside the connection's own DNS lookup, so a name that changes its
 * answer later is caught at the moment it is used. `DAILIES_WEBHOOKS_ALLOW_PRIVATE=1` lifts it
 * (and lets http reach loopback), for receivers on the same machine and for tests.
 */
import { lookup as dnsLookup } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const REFUSED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fe80::', 10],
  ['fec0::', 10], // site-local: deprecated, but still routed inside some networks
  ['fc00::', 7],
  ['ff00::', 8], // multicast
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6');
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The IPv4 address an IPv6 one carries (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, IPv4-compatible ::a.b.c.d), if any. */
function embeddedIpv4(address: string): string | undefined {
  // The URL parser writes an IPv6 address in one canonical form: lower-case hex groups, the
  // longest run of zeros as "::", a dotted IPv4 tail as two hex groups.
  const canonical = URL.parse(`http://[${address}]/`)?.hostname.slice(1, -1);
  const match = canonical && /^(?:::ffff:|64:ff9b::|::)(?:([0-9a-f]{1,4}):)?([0-9a-f]{1,4})$/.exec(canonical);
  if (!match) return undefined;
  const high = parseInt(match[1] ?? '0', 16);
  const low = parseInt(match[2]!, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Whether an IP address is one a webhook must never reach: inside this network, or not a real destination. */
export function isRefusedAddress(address: string): boolean {
  const family = isIP(address.replace(/%.*$/, ''));
  if (family === 4) return REFUSED.check(address, 'ipv4');
  if (family !== 6) return true;
  const plain = address.replace(/%.*$/, '');
  const inner = embeddedIpv4(plain);
  if (inner !== undefined && REFUSED.check(inner, 'ipv4')) return true;
  return REFUSED.check(plain, 'ipv6');
}

function isLoopback(address: string): boolean {
  const plain = address.replace(/%.*$/, '');
  if (isIP(plain) === 4) return LOOPBACK.check(plain, 'ipv4');
  if (isIP(plain) !== 6) return false;
  if (LOOPBACK.check(plain, 'ipv6')) return true;
  const inner = embeddedIpv4(plain);
  return inner !== undefined && LOOPBACK.check(inner, 'ipv4');
}

/** Why a webhook URL is refused: a stable code for the API, and a sentence saying what to do. */
export interface UrlRefusal {
  code: 'webhook_url_invalid' | 'webhook_url_not_https' | 'webhook_url_private' | 'webhook_url_unresolvable';
  message: string;
}

/** The host of a URL as an address when it is an IP literal (brackets taken off), else undefined. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) ? bare : undefined;
}

/**
 * Checks a webhook URL and every address its host resolves to now; undefined when it may be used.
 * `resolve` is the DNS lookup (all addresses), replaceable in tests.
 */
export async function checkWebhookUrl(
  text: string,
  options: { allowPrivate: boolean; resolve?: (host: string) => Promise<string[]> },
): Promise<UrlRefusal | undefined> {
  const url = URL.parse(text);
  if (!url || !url.hostname) return { code: 'webhook_url_invalid', message: `"${text}" is not a URL; give one like https://example.com/hooks/dailies.` };
  if (url.username || url.password) return { code: 'webhook_url_invalid', message: 'A webhook URL may not carry a user name or password; the signature header proves the sender.' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { code: 'webhook_url_not_https', message: `Webhooks are sent over https; ${url.protocol.replace(/:$/, '')} URLs are refused.` };
  }
  const resolve = options.resolve ?? (async (host: string) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address));
  const literal = literalAddress(url.hostname);
  let addresses: string[];
  try {
    addresses = literal ? [literal] : await resolve(url.hostname);
  } catch (cause) {
    return { code: 'webhook_url_unresolvable', message: `The host ${url.hostname} could not be resolved (${(cause as Error).message}); check its spelling and its DNS.` };
  }
  if (addresses.length === 0) return { code: 'webhook_url_unresolvable', message: `The host ${url.hostname} has no address; check its DNS.` };
  if (url.protocol === 'http:' && !(options.allowPrivate && addresses.every(isLoopback))) {
    return { code: 'webhook_url_not_https', message: 'Webhooks are sent over https only; use an https:// URL.' };
  }
  const refused = addresses.filter(isRefusedAddress);
  if (refused.length > 0 && !options.allowPrivate) {
    return {
      code: 'webhook_url_private',
      message: `${url.hostname} is or resolves to ${refused.join(', ')}, inside a private, loopback or reserved range; webhooks only go to public addresses (an admin may allow private ones with DAILIES_WEBHOOKS_ALLOW_PRIVATE=1).`,
    };
  }
  return undefined;
}

/** A DNS lookup for outgoing connections that fails on a refused address (the check at delivery time). */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, entries) => {
      if (error) return callback(error, '', 4);
      const refused = entries.find((entry) => !allowPrivate && isRefusedAddress(entry.address));
      if (refused) {
        const failure = Object.assign(new Error(`${hostname} resolves to ${refused.address}, a private or reserved address; not sent.`), { code: 'WEBHOOK_ADDRESS_REFUSED' });
        return callback(failure, '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof entries) => void)(null, entries);
      const first = entries[0]!;
      callback(null, first.address, first.family);
    });
  };
}

