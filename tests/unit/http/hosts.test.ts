import { describe, expect, it } from 'vitest';
import { hostPolicy, isLoopbackAddress } from '../../../server/http/hosts.ts';

describe('the names a server answers to', () => {
  it('on loopback: loopback names on its port only', () => {
    const policy = hostPolicy({ listenHost: '127.0.0.1', port: 3000 });
    expect(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST:3000'].map(policy.allows)).toEqual([true, true, true, true]);
    expect(['localhost:3001', 'localhost', '192.168.1.2:3000', 'evil.example:3000', 'a@localhost:3000', '', undefined].map(policy.allows)).toEqual(Array(7).fill(false));
    expect(policy.origin).toBe('http://localhost:3000');
  });

  it('on every address (0.0.0.0): any IP address on its port, never a name', () => {
    const policy = hostPolicy({ listenHost: '0.0.0.0', port: 8080 });
    expect(['192.168.1.2:8080', '[fe80::1]:8080', 'localhost:8080'].map(policy.allows)).toEqual([true, true, true]);
    expect(['192.168.1.2:80', 'evil.example:8080', 'printer.local:8080'].map(policy.allows)).toEqual([false, false, false]);
  });

  it('on one address: that address', () => {
    const policy = hostPolicy({ listenHost: '10.0.0.7', port: 3000 });
    expect(['10.0.0.7:3000', '10.0.0.8:3000'].map(policy.allows)).toEqual([true, false]);
    expect(policy.origin).toBe('http://10.0.0.7:3000');
  });

  it('with a public URL: its host and port (the scheme’s by default), and loopback names on the listen port', () => {
    const policy = hostPolicy({ publicUrl: 'https://dailies.example.com', listenHost: '0.0.0.0', port: 3000 });
    expect(['dailies.example.com', 'dailies.example.com:443', 'Dailies.Example.com', 'localhost:3000'].map(policy.allows)).toEqual([true, true, true, true]);
    expect(['dailies.example.com:80', 'dailies.example.com:3000', '10.0.0.7:3000', 'example.com'].map(policy.allows)).toEqual([false, false, false, false]);
    expect(policy.origin).toBe('https://dailies.example.com');
  });

  it('tells loopback listen addresses from the others', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].map(isLoopbackAddress)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.2', 'dailies.example.com'].map(isLoopbackAddress)).toEqual([false, false, false, false]);
  });
});
