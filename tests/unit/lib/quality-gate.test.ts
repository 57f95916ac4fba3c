/**
 * What the quality gate says on a card, which measures a try falls short on, and which try it keeps.
 */
import { describe, expect, it } from 'vitest';
import { bestTry, describeGate, type GateTry, shortfalls } from '../../../src/lib/domain/quality-gate.ts';

const tried = (version: number, quality: number | null, consistency: number | null = null): GateTry => ({ segment_id: `take-${version}`, version, quality, consistency });
const gate = { min_quality: 0.6, min_consistency: null };

describe('the quality gate in words', () => {
  it('says nothing of a take it passed at once, or never looked at', () => {
    expect(describeGate(null)).toBeNull();
    expect(describeGate({ outcome: 'passed', earlier: [], self: tried(1, 0.8), ...gate })).toBeNull();
  });

  it('counts the retries and lists the scores that were too low', () => {
    expect(describeGate({ outcome: 'passed', earlier: [tried(1, 0.41), tried(2, 0.48)], self: tried(3, 0.7), ...gate })).toBe(
      'Regenerated twice by the quality gate: quality 0.41 and 0.48 were below 0.60.',
    );
    expect(describeGate({ outcome: 'passed', earlier: [tried(1, 0.7, 0.3)], self: tried(2, 0.7, 0.6), min_quality: 0.6, min_consistency: 0.5 })).toBe(
      'Regenerated once by the quality gate: consistency 0.30 was below 0.50.',
    );
    expect(describeGate({ outcome: 'pending', earlier: [tried(1, 0.41)], ...gate })).toBe('Quality gate: try 2, after quality 0.41 was below 0.60.');
  });

  it('says when it gave up or stopped, and which try it kept', () => {
    expect(describeGate({ outcome: 'gave_up', earlier: [tried(2, 0.3), tried(3, 0.2)], self: tried(1, 0.5), ...gate })).toBe(
      'Quality gate gave up after 3 tries (quality 0.50, 0.30 and 0.20 were below 0.60); the best, version 1, is kept.',
    );
    expect(describeGate({ outcome: 'stopped', earlier: [], self: tried(1, 0.5), reason: 'Budget reached.', ...gate })).toBe(
      'Quality gate stopped after the first try (quality 0.50 was below 0.60): Budget reached. The best, version 1, is kept.',
    );
    expect(describeGate({ outcome: 'retried', earlier: [], self: tried(1, 0.5), ...gate })).toBe('Failed the quality gate (quality 0.50 was below 0.60); another take was made in its place.');
  });
});

describe('shortfalls and the best try', () => {
  it('checks only the thresholds set, and never an unmeasured score', () => {
    expect(shortfalls(tried(1, 0.5, 0.1), gate)).toEqual(['quality']);
    expect(shortfalls(tried(1, 0.5, null), { min_quality: 0.4, min_consistency: 0.5 })).toEqual([]);
    expect(shortfalls(tried(1, 0.3, 0.2), { min_quality: 0.4, min_consistency: 0.5 })).toEqual(['quality', 'consistency']);
  });

  it('keeps the try that falls shortest, the latest of equals', () => {
    expect(bestTry([tried(1, 0.5), tried(2, 0.2), tried(3, 0.4)], gate)?.version).toBe(1);
    expect(bestTry([tried(1, 0.2), tried(2, 0.2)], gate)?.version).toBe(2);
  });
});
