/**
 * What a take is made with: take 1 from its shot, later takes from the changes merged into them.
 */
import { describe, expect, it } from 'vitest';
import { changeNotes, describeChanges, mergeChanges, takeParams } from '../../../src/lib/take-changes.ts';

const shot = { prompt: 'A lantern swings in the wind.', style: null, camera: 'static', duration: 4 };

describe('take parameters', () => {
  it('takes a first take not made yet from its shot and the episode’s style', () => {
    expect(takeParams({ generation_params: {}, seed: 42 }, shot, 'watercolour')).toEqual({
      prompt: 'A lantern swings in the wind.',
      style: 'watercolour',
      camera: 'static',
      duration: 4,
      seed: 42,
      character_prompt: '',
      notes: '',
    });
    // A shot's own style wins over the episode's.
    expect(takeParams({ generation_params: {} }, { ...shot, style: 'ink wash' }, 'watercolour')).toMatchObject({ style: 'ink wash', seed: null });
  });

  it('reads a made take’s parameters as it was made, not the shot’s', () => {
    const made = { prompt: 'A lantern swings in the wind.', style: 'watercolour', duration: 4, camera: 'static', seed: 42 };
    expect(takeParams({ generation_params: made, seed: 42 }, { ...shot, prompt: 'Edited after the take was made.' }, 'oil')).toMatchObject({
      prompt: 'A lantern swings in the wind.',
      style: 'watercolour',
    });
  });

  it('gives take 2 its prompt with the addition, and take 3 its replaced style, camera and length', () => {
    const take1 = { prompt: 'A lantern swings in the wind.', style: 'watercolour', duration: 4, camera: 'static', seed: 42 };
    const take2 = { ...mergeChanges(take1, { prompt_modifications: 'Heavy rain falls.' }), seed: 7 };
    expect(takeParams({ generation_params: take2, seed: 7 }, shot, 'watercolour')).toEqual({
      prompt: 'A lantern swings in the wind. Heavy rain falls.',
      style: 'watercolour',
      camera: 'static',
      duration: 4,
      seed: 7,
      character_prompt: '',
      notes: '',
    });
    const take3 = { ...mergeChanges(take2, { style: 'film noir', camera: 'push-in', duration: 6, character_prompt: 'her coat is red' }), seed: 9, notes: 'lighting: warmer' };
    expect(takeParams({ generation_params: take3, seed: 9 }, shot, 'watercolour')).toEqual({
      prompt: 'A lantern swings in the wind. Heavy rain falls.',
      style: 'film noir',
      camera: 'push-in',
      duration: 6,
      seed: 9,
      character_prompt: 'her coat is red',
      notes: 'lighting: warmer',
    });
  });

  it('appends style adjustments after a comma and character notes after a semicolon', () => {
    const merged = mergeChanges({ style: 'watercolour', character_prompt: 'her coat is red' }, { style_adjustments: 'muted greens', character_prompt: 'no hat' });
    expect(merged).toEqual({ style: 'watercolour, muted greens', character_prompt: 'her coat is red; no hat' });
  });
});

describe('a request for takes to choose from, in words', () => {
  it('says how many takes and whether the vote is blind, and carries none of it to the next take', () => {
    const recorded = { notes: 'warmer light', takes: 3, blind: true, new_versions: [2, 3, 4], candidate: true };
    expect(describeChanges(recorded)).toEqual(['3 takes to choose from, blind vote', 'note: warmer light']);
    expect(changeNotes(recorded)).toEqual(['warmer light']);
  });
});
