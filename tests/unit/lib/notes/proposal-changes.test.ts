import { describe, expect, it } from 'vitest';
import { changesFromFields, proposalFields } from '../../../../src/lib/notes/proposal-changes.ts';
import type { TakeParams } from '../../../../src/lib/take-changes.ts';

const current: TakeParams = { prompt: 'A gull over the sea', style: 'watercolour', camera: 'static', duration: 5, seed: 42, character_prompt: '', notes: '' };
const proposal = {
  current,
  proposed: { ...current, prompt: 'A gull over the sea. At 00:00:01:13: the sky should be darker', camera: 'pan-left', duration: 4 },
  changes: { prompt_modifications: 'At 00:00:01:13: the sky should be darker', camera: 'pan-left' as const, duration: 4, notes: 'from notes' },
};

describe('changesFromFields', () => {
  it('sends the proposal’s changes when nothing was edited', () => {
    expect(changesFromFields(proposal, proposalFields(proposal))).toEqual({
      prompt_modifications: 'At 00:00:01:13: the sky should be darker',
      camera: 'pan-left',
      duration: 4,
      notes: 'from notes',
    });
  });

  it('replaces the prompt when it was edited freely', () => {
    const fields = { ...proposalFields(proposal), prompt: 'A gull under a dark sky' };
    expect(changesFromFields(proposal, fields)).toEqual({ prompt: 'A gull under a dark sky', camera: 'pan-left', duration: 4, notes: 'from notes' });
  });

  it('drops a change whose field was set back to the current value', () => {
    const fields = { ...proposalFields(proposal), prompt: current.prompt, camera: 'static', duration: 5 };
    expect(changesFromFields(proposal, fields)).toEqual({ notes: 'from notes' });
  });

  it('adds edits the proposal did not make: a style, a seed', () => {
    const fields = { ...proposalFields(proposal), style: 'ink wash', seed: 7 };
    expect(changesFromFields(proposal, fields)).toEqual({
      prompt_modifications: 'At 00:00:01:13: the sky should be darker',
      style: 'ink wash',
      camera: 'pan-left',
      duration: 4,
      seed: 7,
      notes: 'from notes',
    });
  });

  it('keeps the proposal’s style addition while the style is as proposed', () => {
    const styled = { ...proposal, proposed: { ...proposal.proposed, style: 'watercolour, darker' }, changes: { style_adjustments: 'darker' } };
    expect(changesFromFields(styled, proposalFields(styled))).toEqual({ style_adjustments: 'darker', camera: 'pan-left', duration: 4 });
  });
});
