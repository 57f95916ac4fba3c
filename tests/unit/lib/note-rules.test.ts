/**
 * Frame notes as the next take's changes by fixed rules. Every expected change set is written out
 * by hand from what the note says, not computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { generationChanges } from '../../../src/lib/api/segments.schema.ts';
import { cleanNoteText, noteTimeText, proposeByRules, type ProposalNote } from '../../../src/lib/domain/note-rules.ts';

const current = { prompt: 'A lantern swings in the wind.', camera: 'static', duration: 5, seed: 42 };
const note = (id: string, text: string, frameIn: number | null = null, frameOut: number | null = frameIn): ProposalNote => ({ id, text, frameIn, frameOut, fps: 24, version: 1 });

describe('notes as changes, by rules', () => {
  it('adds a note about the picture to the prompt as a sentence', () => {
    expect(proposeByRules(current, [note('n1', '  make the sky darker ')])).toEqual({
      changes: { prompt_modifications: 'Make the sky darker.' },
      reasons: [{ note_id: 'n1', applied: ['prompt: Make the sky darker.'] }],
    });
  });

  it('says when a ranged note applies, in seconds from its frames', () => {
    expect(proposeByRules(current, [note('n1', 'she should be smiling', 24, 48)]).changes).toEqual({ prompt_modifications: 'at 1.0–2.0 s: she should be smiling.' });
    expect(noteTimeText({ frameIn: 36, frameOut: 36, fps: 24 })).toBe('at 1.5 s');
    expect(noteTimeText({ frameIn: 50, frameOut: 125, fps: 25 })).toBe('at 2.0–5.0 s');
    expect(noteTimeText({ frameIn: null, frameOut: null, fps: 24 })).toBe('');
  });

  it('reads an explicit duration, and leaves words that only set it out of the prompt', () => {
    expect(proposeByRules(current, [note('n1', 'shorter, 4 seconds')])).toEqual({ changes: { duration: 4 }, reasons: [{ note_id: 'n1', applied: ['duration 4 s'] }] });
    expect(proposeByRules(current, [note('n1', 'make it 6s')]).changes).toEqual({ duration: 6 });
    expect(proposeByRules(current, [note('n1', 'shorter by 2s')]).changes).toEqual({ duration: 3 });
    expect(proposeByRules(current, [note('n1', 'two seconds longer')]).changes).toEqual({ duration: 7 });
    expect(proposeByRules(current, [note('n1', 'trim it to about 3.5 sec')]).changes).toEqual({ duration: 3.5 });
    // Within the limits a change set takes: 1 to 60 seconds.
    expect(proposeByRules(current, [note('n1', 'shorter by 10 seconds')]).changes).toEqual({ duration: 1 });
    expect(proposeByRules(current, [note('n1', 'make it 90 seconds')]).changes).toEqual({ duration: 60 });
  });

  it('takes a number of seconds that names a moment for a moment, not a length', () => {
    expect(proposeByRules(current, [note('n1', 'the dog barks at 2s')]).changes).toEqual({ prompt_modifications: 'The dog barks at 2s.' });
    expect(proposeByRules(current, [note('n1', 'the door opens 3 seconds in, and make it warmer')]).changes).toEqual({
      prompt_modifications: 'The door opens 3 seconds in.',
      style_adjustments: 'warmer tones',
    });
  });

  it('gives the next seed for "another seed", and the seed named for "seed 1234"', () => {
    expect(proposeByRules(current, [note('n1', 'try another seed')])).toEqual({ changes: { seed: 43 }, reasons: [{ note_id: 'n1', applied: ['seed 43'] }] });
    expect(proposeByRules(current, [note('n1', 'a different variation please')]).changes).toEqual({ seed: 43 });
    expect(proposeByRules({ ...current, seed: 2_147_483_647 }, [note('n1', 'new seed')]).changes).toEqual({ seed: 0 });
    expect(proposeByRules(current, [note('n1', 'seed 1234')]).changes).toEqual({ seed: 1234 });
    // A take whose seed is not known yet gets one made from its prompt: the same every time.
    const unknown = proposeByRules({ ...current, seed: null }, [note('n1', 'new seed')]).changes.seed;
    expect(unknown).toBe(proposeByRules({ ...current, seed: null }, [note('n1', 'new seed')]).changes.seed);
    expect(unknown).toEqual(expect.any(Number));
  });

  it('maps camera words to the camera moves there are, and keeps the rest in the prompt', () => {
    expect(proposeByRules(current, [note('n1', 'the camera should push in slowly')]).changes).toEqual({
      prompt_modifications: 'The camera should push in slowly.',
      camera: 'push-in',
    });
    expect(proposeByRules(current, [note('n1', 'dolly in')]).changes).toEqual({ camera: 'push-in' });
    expect(proposeByRules(current, [note('n1', 'pan left')]).changes).toEqual({ camera: 'pan-left' });
    expect(proposeByRules(current, [note('n1', 'pull back')]).changes).toEqual({ camera: 'pull-out' });
    expect(proposeByRules({ ...current, camera: 'pan-right' }, [note('n1', 'locked off')]).changes).toEqual({ camera: 'static' });
    // Handheld and orbit are no camera setting: the note is kept in the prompt and says so.
    expect(proposeByRules(current, [note('n1', 'handheld, like a documentary')])).toEqual({
      changes: { prompt_modifications: 'Handheld, like a documentary.' },
      reasons: [{ note_id: 'n1', applied: ['prompt: Handheld, like a documentary.', 'camera: “handheld” is not a move the camera setting offers; left in the prompt'] }],
    });
    expect(proposeByRules(current, [note('n1', "don't push in")]).changes).toEqual({ prompt_modifications: "Don't push in." });
  });

  it('reads words that also describe the picture as parameters only where the note is about the camera or the look', () => {
    const picture = ['she pulls back her hand', 'the static on the TV flickers', 'a field of grain', 'she should try again to open the door', 'make him look cooler'];
    for (const text of picture) expect(proposeByRules(current, [note('n1', text)]).changes).toEqual({ prompt_modifications: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` });
    expect(proposeByRules({ ...current, camera: 'pan-left' }, [note('n1', 'the camera should be static'), note('n2', 'try again', 12)]).changes).toEqual({ seed: 43, camera: 'static' });
    expect(proposeByRules(current, [note('n1', 'the light should be cooler')]).changes).toEqual({
      prompt_modifications: 'The light should be cooler.',
      style_adjustments: 'cooler tones',
    });
  });

  it('reads looks as style adjustments', () => {
    expect(proposeByRules(current, [note('n1', 'less saturated, more film grain')])).toEqual({
      changes: { style_adjustments: 'less saturated, more film grain' },
      reasons: [{ note_id: 'n1', applied: ['style: less saturated', 'style: more film grain'] }],
    });
    expect(proposeByRules(current, [note('n1', 'black & white'), note('n2', 'warmer')]).changes).toEqual({ style_adjustments: 'black and white, warmer tones' });
  });

  it('says a parameter is already so, and lets the later note win where two disagree', () => {
    expect(proposeByRules(current, [note('n1', 'locked off')])).toEqual({ changes: {}, reasons: [{ note_id: 'n1', applied: ['camera static (already so)'] }] });
    expect(proposeByRules(current, [note('late', 'make it 6s', 48), note('early', 'shorter by 2s', 12)])).toEqual({
      changes: { duration: 6 },
      reasons: [
        { note_id: 'early', applied: ['duration 3 s (a later note asks for duration 6 s)'] },
        { note_id: 'late', applied: ['duration 6 s'] },
      ],
    });
  });

  it('adds a note said twice once', () => {
    expect(proposeByRules(current, [note('n1', 'Make the sky darker!'), note('n2', 'make the sky   darker'), note('n3', 'make the sky darker', 24, 48)])).toEqual({
      changes: { prompt_modifications: 'Make the sky darker! at 1.0–2.0 s: make the sky darker.' },
      reasons: [
        { note_id: 'n1', applied: ['prompt: Make the sky darker!'] },
        { note_id: 'n2', applied: ['same as note n1'] },
        { note_id: 'n3', applied: ['prompt: at 1.0–2.0 s: make the sky darker.'] },
      ],
    });
  });

  it('leaves @mentions and links out', () => {
    expect(cleanNoteText('@anna: make the sky darker https://example.com/ref.jpg')).toBe('make the sky darker');
    expect(cleanNoteText('see www.example.com (@bo) ')).toBe('see');
    expect(cleanNoteText('mail a@b.com about it')).toBe('mail a@b.com about it');
    expect(proposeByRules(current, [note('n1', '@anna https://example.com')])).toEqual({ changes: {}, reasons: [{ note_id: 'n1', applied: [] }] });
  });

  it('adds Chinese notes to the prompt as written, and reads "4秒" as a duration', () => {
    expect(proposeByRules(current, [note('n1', '她应该在微笑', 24, 48), note('n2', '天空再暗一点')])).toEqual({
      changes: { prompt_modifications: '天空再暗一点 at 1.0–2.0 s: 她应该在微笑' },
      reasons: [
        { note_id: 'n2', applied: ['prompt: 天空再暗一点'] },
        { note_id: 'n1', applied: ['prompt: at 1.0–2.0 s: 她应该在微笑'] },
      ],
    });
    expect(proposeByRules(current, [note('n1', '时长改成4秒')]).changes).toEqual({ duration: 4 });
  });

  it('gives the same proposal for the same notes in any order, and one the regenerate form accepts', () => {
    const notes = [note('a', 'less saturated', 0, 12), note('b', 'pan right, 4 seconds'), note('c', 'she looks up', 30, 60), note('d', 'another seed')];
    const forwards = proposeByRules(current, notes);
    expect(proposeByRules(current, [...notes].reverse())).toEqual(forwards);
    expect(forwards.changes).toEqual({
      prompt_modifications: 'at 1.3–2.5 s: she looks up.',
      style_adjustments: 'less saturated',
      duration: 4,
      seed: 43,
      camera: 'pan-right',
    });
    expect(generationChanges.parse(forwards.changes)).toEqual(forwards.changes);
  });

  it('keeps a change set within its limits however much is written', () => {
    const long = Array.from({ length: 40 }, (_, i) => note(`n${i}`, `detail number ${i} `.repeat(10), i * 10, i * 10 + 5));
    const { changes } = proposeByRules(current, long);
    expect(changes.prompt_modifications!.length).toBeLessThanOrEqual(2000);
    expect(changes.prompt_modifications!.endsWith('…')).toBe(true);
    expect(() => generationChanges.parse(changes)).not.toThrow();
  });
});
