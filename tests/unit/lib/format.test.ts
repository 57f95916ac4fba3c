import { describe, expect, it } from 'vitest';
import { segmentLabel } from '../../../src/lib/format.ts';

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
