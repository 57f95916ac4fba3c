import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../server/http/routes/media.routes.ts';

describe('HTTP Range parsing', () => {
  it('reads open, closed and suffix ranges', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=500-', 1000)).toEqual({ start: 500, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
  });

  it('has no range without the header', () => {
    expect(parseRange(undefined, 1000)).toBeUndefined();
  });

  it.each(['bytes=1000-', 'bytes=5-2', 'bytes=-0', 'bytes=-', 'items=0-1', 'bytes=0-1,5-6'])('refuses %s', (header) => {
    expect(parseRange(header, 1000)).toBe('invalid');
  });
});
