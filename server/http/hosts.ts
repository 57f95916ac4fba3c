/**
 * Which `Host` a request may name. A page on another site can make a browser talk to this server
 * under the other site's name (DNS rebinding: evil.example resolves to 127.0.0.1 or to a LAN
 * address); such requests carry that name in `Host`, never ours. Refusing unknown names for
 * requests that write (and for `/collab`) keeps those pages from signing up, logging in or
 * listening to live documents through the visitor's browser.
 */
import { isIP } from 'node:net';

export interface HostPolicy {
  /** Whether `host` (the Host header) names this server. */
  allows(host: string | undefined): boolean;
  /** The address to tell people to use, for error messages. */
  origin: string;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]']);

/** Whether a listen address only reaches this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

function parseHost(host: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase(), port: match[2] === undefined ? undefined : Number(match[2]) };
}

const isIpLiteral = (name: string) => isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0;

/**
 * The names this server answers to. With `publicUrl` (DAILIES_PUBLIC_URL): that origin's host and
 * port. Without: the listen address and port — every IP address of the machine when it listens on
 * all of them (0.0.0.0), since a rebinding page can only ever send a name. Loopback names on the
 * listen port are always accepted (the machine itself; they cannot be rebound). `port` undefined
 * accepts any port (servers whose port is not known to the app).
 */
export function hostPolicy(input: { publicUrl?: string | undefined; listenHost: string; port: number | undefined }): HostPolicy {
  const publicUrl = input.publicUrl ? new URL(input.publicUrl) : undefined;
  const publicPort = publicUrl ? Number(publicUrl.port || (publicUrl.protocol === 'https:' ? 443 : 80)) : undefined;
  const listen = input.listenHost.toLowerCase();
  const listenName = isIP(listen) === 6 ? `[${listen}]` : listen;
  const onListenPort = (port: number | undefined) => input.port === undefined || (port ?? 80) === input.port;
  const shownPort = input.port === undefined ? '' : `:${input.port}`;
  const origin = publicUrl
    ? publicUrl.origin
    : isLoopbackAddress(listen) || WILDCARD_ADDRESSES.has(listenName)
      ? `http://localhost${shownPort}`
      : `http://${listenName}${shownPort}`;
  return {
    origin,
    allows(host) {
      const parsed = host === undefined ? undefined : parseHost(host);
      if (!parsed) return false;
      if (publicUrl) {
        if (parsed.name === publicUrl.hostname.toLowerCase() && (parsed.port ?? (publicUrl.protocol === 'https:' ? 443 : 80)) === publicPort) return true;
      } else if (WILDCARD_ADDRESSES.has(listenName) ? isIpLiteral(parsed.name) : parsed.name === listenName) {
        return onListenPort(parsed.port);
      }
      return LOOPBACK_NAMES.has(parsed.name) && onListenPort(parsed.port);
    },
  };
}
