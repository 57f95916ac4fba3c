/**
 * What changed since the last compile, case by case: each expected list is written out by hand
 * from what a reviewer should read, not computed.
 */
import { describe, expect, it } from 'vitest';
import { type CompileInputs, type CurrentEpisode, type CurrentShot, compileChanges } from '../../../src/lib/domain/compile-changes.ts';

const compiled: CompileInputs = {
  takes: [
    { segmentId: 'take-a1', shotId: 'shot-a' },
    { segmentId: 'take-b1', shotId: 'shot-b' },
    { segmentId: 'take-c1', shotId: 'shot-c' },
  ],
  transitionStyle: 'cut',
  transitionDuration: 0.5,
  musicAssetId: null,
  backgroundMusic: false,
};

const shot = (shotId: string, number: number, segmentId: string, version = 1, approved = true): CurrentShot => ({ shotId, number, segmentId, version, approved });

const unchanged: CurrentEpisode = {
  shots: [shot('shot-a', 1, 'take-a1'), shot('shot-b', 2, 'take-b1'), shot('shot-c', 3, 'take-c1')],
  transitionStyle: 'cut',
  transitionDuration: 0.5,
  musicAssetId: null,
  backgroundMusic: false,
};

describe('changes since the last compile', () => {
  it('an episode as it was compiled has no changes', () => {
    expect(compileChanges(compiled, unchanged)).toEqual([]);
  });

  it('names a shot whose own transition in changed, but not the first shot, whose transition joins nothing', () => {
    const withJoins: CompileInputs = {
      ...compiled,
      takes: [
        { segmentId: 'take-a1', shotId: 'shot-a', transitionIn: 'fade' },
        { segmentId: 'take-b1', shotId: 'shot-b', transitionIn: 'dissolve 1 s' },
        { segmentId: 'take-c1', shotId: 'shot-c', transitionIn: null },
      ],
    };
    const same = { ...unchanged, shots: [{ ...shot('shot-a', 1, 'take-a1'), transitionIn: 'fade' }, { ...shot('shot-b', 2, 'take-b1'), transitionIn: 'dissolve 1 s' }, shot('shot-c', 3, 'take-c1')] };
    expect(compileChanges(withJoins, same)).toEqual([]);
    const now = { ...unchanged, shots: [shot('shot-a', 1, 'take-a1'), { ...shot('shot-b', 2, 'take-b1'), transitionIn: 'dissolve 0.5 s' }, { ...shot('shot-c', 3, 'take-c1'), transitionIn: 'cut' }] };
    expect(compileChanges(withJoins, now)).toEqual(['Shot 2 has a new transition in', 'Shot 3 has a new transition in']);
  });

  it('names a shot with a new approved take and its version', () => {
    const now = { ...unchanged, shots: [shot('shot-a', 1, 'take-a1'), shot('shot-b', 2, 'take-b1'), shot('shot-c', 3, 'take-c2', 2)] };
    expect(compileChanges(compiled, now)).toEqual(['Shot 3 has a new take (v2)']);
  });

  it('names a reopened shot, and a new take still in review the same way', () => {
    const now = { ...unchanged, shots: [shot('shot-a', 1, 'take-a1', 1, false), shot('shot-b', 2, 'take-b2', 2, false), shot('shot-c', 3, 'take-c1')] };
    expect(compileChanges(compiled, now)).toEqual(['Shot 1 is no longer approved', 'Shot 2 is no longer approved']);
  });

  it('a swap of two shots is an order change, not a take change', () => {
    const now = { ...unchanged, shots: [shot('shot-b', 1, 'take-b1'), shot('shot-a', 2, 'take-a1'), shot('shot-c', 3, 'take-c1')] };
    expect(compileChanges(compiled, now)).toEqual(['The order changed']);
  });

  it('an added or removed shot is not an order change', () => {
    const added = { ...unchanged, shots: [...unchanged.shots, shot('shot-d', 4, 'take-d1')] };
    expect(compileChanges(compiled, added)).toEqual(['Shot 4 was added']);
    const removed = { ...unchanged, shots: [shot('shot-a', 1, 'take-a1'), shot('shot-c', 2, 'take-c1')] };
    expect(compileChanges(compiled, removed)).toEqual(['A shot was removed']);
  });

  it('an added shot with no approved take yet is not a change of the video', () => {
    const now = { ...unchanged, shots: [...unchanged.shots, shot('shot-d', 4, 'take-d1', 1, false)] };
    expect(compileChanges(compiled, now)).toEqual([]);
  });

  it('names the transition styles and lengths', () => {
    expect(compileChanges(compiled, { ...unchanged, transitionStyle: 'dissolve' })).toEqual(['Transitions changed from cut to dissolve']);
    const dissolve = { ...compiled, transitionStyle: 'dissolve' };
    expect(compileChanges(dissolve, { ...unchanged, transitionStyle: 'dissolve', transitionDuration: 1 })).toEqual(['Transition length changed from 0.5 s to 1 s']);
    // A cut has no length, so a different length alone changes nothing.
    expect(compileChanges(compiled, { ...unchanged, transitionDuration: 1 })).toEqual([]);
  });

  it('names a change of music', () => {
    expect(compileChanges(compiled, { ...unchanged, musicAssetId: 'asset-1' })).toEqual(['Music changed']);
    expect(compileChanges(compiled, { ...unchanged, backgroundMusic: true })).toEqual(['Music changed']);
  });

  it('lists several changes in a fixed order: shots, order, transitions, music', () => {
    const now: CurrentEpisode = {
      shots: [shot('shot-c', 1, 'take-c2', 2), shot('shot-b', 2, 'take-b1'), shot('shot-a', 3, 'take-a1')],
      transitionStyle: 'dissolve',
      transitionDuration: 0.5,
      musicAssetId: 'asset-1',
      backgroundMusic: false,
    };
    expect(compileChanges(compiled, now)).toEqual(['Shot 1 has a new take (v2)', 'The order changed', 'Transitions changed from cut to dissolve', 'Music changed']);
  });
});
