/**
 * Links in emails name the host the server announces: `localhost` for wildcard and loopback
 * addresses, the address itself otherwise (IPv6 in brackets).
 */
import { describe, expect, it } from 'vitest';
import { linkHost } from '../../server/runtime.ts';

describe('linkHost', () => {
  it('names wildcard and loopback addresses localhost', () => {
    expect(['0.0.0.0', '::', '127.0.0.1', '127.1.2.3', '::1', 'localhost'].map(linkHost)).toEqual(['localhost', 'localhost', 'localhost', 'localhost', 'localhost', 'localhost']);
  });

  it('keeps any other address, with IPv6 in brackets', () => {
    expect(['192.168.1.20', 'dailies.lan', 'fd00::5'].map(linkHost)).toEqual(['192.168.1.20', 'dailies.lan', '[fd00::5]']);
  });
});
