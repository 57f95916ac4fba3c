import { describe, expect, it } from 'vitest';
import { formatAgo, segmentLabel, transitionInWords } from '../../../src/lib/format.ts';

describe('segmentLabel', () => {
  it('says where a take stands, and that a replaced take nobody decided on waits for nothing', () => {
    expect(segmentLabel(null)).toBe('not generated');
    expect(segmentLabel({ status: 'generating', approval_status: 'pending', progress: 40 })).toBe('generating 40%');
    expect(segmentLabel({ status: 'completed', approval_status: 'pending', progress: 100 })).toBe('awaiting review');
    expect(segmentLabel({ status: 'completed', approval_status: 'pending', progress: 100, is_current: true })).toBe('awaiting review');
    expect(segmentLabel({ status: 'completed', approval_status: 'pending', progress: 100, is_current: false })).toBe('replaced');
    expect(segmentLabel({ status: 'completed', approval_status: 'needs_revision', progress: 100, is_current: false })).toBe('needs revision');
    expect(segmentLabel({ status: 'failed', approval_status: 'pending', progress: 0 })).toBe('failed');
  });
});

describe('formatAgo', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  const before = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
  it('says how long ago, in the largest whole unit', () => {
    expect(formatAgo(before(10), now, 'en')).toBe('just now');
    expect(formatAgo(before(50), now, 'en')).toBe('1 minute ago');
    expect(formatAgo(before(5 * 60), now, 'en')).toBe('5 minutes ago');
    expect(formatAgo(before(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(formatAgo(before(26 * 3600), now, 'en')).toBe('yesterday');
    expect(formatAgo(before(15 * 24 * 3600), now, 'en')).toBe('2 weeks ago');
  });
  it('calls a moment a little ahead of the clock "just now", and one further ahead what it is', () => {
    expect(formatAgo(before(-20), now, 'en')).toBe('just now');
    expect(formatAgo(before(-120), now, 'en')).toBe('in 2 minutes');
  });
});

describe('transitionInWords', () => {
  it('says how a shot is joined to the one before it, and nothing when the compile decides', () => {
    expect(transitionInWords(null)).toBe('');
    expect(transitionInWords({ style: 'cut' })).toBe('Cut in');
    expect(transitionInWords({ style: 'cut', duration_seconds: 1 })).toBe('Cut in');
    expect(transitionInWords({ style: 'dissolve' })).toBe('Dissolve in');
    expect(transitionInWords({ style: 'fade', duration_seconds: 1 })).toBe('Fade through black in, 1.0 s');
  });
});

