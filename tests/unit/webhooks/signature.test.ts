import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from '../../../server/webhooks/signature.ts';

describe('webhook signature', () => {
  const body = '{"type":"ping"}';
  const at = Date.UTC(2026, 11, 4, 8, 0, 0);

  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const seconds = at / 1000;
    const expected = createHmac('sha256', 'whsec_test').update(`${seconds}.${body}`).digest('hex');
    expect(signatureHeader('whsec_test', body, at)).toBe(`t=${seconds},v1=${expected}`);
  });

  it('verifies with the same secret and body, within the tolerance', () => {
    const header = signatureHeader('whsec_test', body, at);
    expect(verifySignature(header, body, 'whsec_test', { now: at + 60_000 })).toBe(true);
    expect(verifySignature(header, body, 'whsec_other', { now: at })).toBe(false);
    expect(verifySignature(header, `${body} `, 'whsec_test', { now: at })).toBe(false);
    expect(verifySignature(header, body, 'whsec_test', { now: at + 301_000 })).toBe(false);
    expect(verifySignature('t=abc,v1=00', body, 'whsec_test', { now: at })).toBe(false);
  });
});
