import { describe, expect, it } from 'vitest';
import { parseFountain, type FountainElement } from '../../../server/providers/builtin/planner/fountain.parser.ts';
import { RAIN_CASE } from './fountain-samples.ts';

const ofType = <T extends FountainElement['type']>(elements: FountainElement[], type: T) =>
  elements.filter((element): element is Extract<FountainElement, { type: T }> => element.type === type);

describe('Fountain parser', () => {
  const { titlePage, elements } = parseFountain(RAIN_CASE);

  it('reads the title page, without emphasis marks, with indented values', () => {
    expect(titlePage.title).toBe('The Rain Case');
    expect(titlePage.author).toBe('Jo Writer');
    expect(titlePage['draft date']).toBe('1 January 2026');
    expect(titlePage.contact).toBe('jo@example.com\n+1 555 0100');
    expect(elements.some((e) => e.type === 'action' && e.text.includes('Title'))).toBe(false);
  });

  it('finds standard and forced scene headings, with scene numbers apart', () => {
    const headings = ofType(elements, 'scene_heading');
    expect(headings.map((h) => h.text)).toEqual(['EXT. TOKYO ALLEY - NIGHT', 'INT. NOODLE BAR - CONTINUOUS', 'ROOFTOP ABOVE THE ALLEY']);
    expect(headings[0]?.sceneNumber).toBe('1');
    for (const heading of ['INT./EXT. CAR - DAY', 'I/E CAR - DAY', 'EST. CITY - DAWN', 'int. kitchen - day']) {
      expect(parseFountain(`${heading}\n\nShe drives.`).elements[0]).toMatchObject({ type: 'scene_heading', text: heading });
    }
    expect(parseFountain('INTERIOR DECORATORS ARRIVE.\n\nThey wave.').elements[0]?.type).toBe('action');
  });

  it('reads cues, extensions, dual marks, parentheticals and multi-line speech', () => {
    const speeches = ofType(elements, 'dialogue');
    expect(speeches.map((s) => s.character)).toEqual(['MIKO', 'HANA', 'MIKO', 'MIKO', 'KENJI', 'MIKO', 'KENJI']);
    expect(speeches[0]?.extensions).toEqual(['V.O.']);
    expect(speeches[3]?.extensions).toEqual(["CONT'D"]);
    expect(speeches[6]?.dual).toBe(true);
    expect(speeches[1]?.lines).toEqual([{ parenthetical: 'breathless', text: '' }, { text: 'Detective! The jade bell is gone!' }]);
    expect(speeches[4]?.lines).toEqual([
      { parenthetical: 'not looking up', text: '' },
      { text: "I'm always open late." },
      { parenthetical: 'beat', text: '' },
      { text: 'Ask anyone.' },
    ]);
    expect(parseFountain('@McCLANE\nYippee.').elements[0]).toMatchObject({ type: 'dialogue', character: 'McCLANE' });
  });

  it('keeps transitions apart from action and drops notes and the boneyard', () => {
    expect(ofType(elements, 'transition').map((t) => t.text)).toEqual(['FADE IN:', 'CUT TO:', 'FADE OUT.']);
    const text = JSON.stringify(elements);
    expect(text).not.toContain('reflections');
    expect(text).not.toContain('is she lying');
    expect(text).not.toContain('never liked');
    expect(ofType(elements, 'dialogue').find((s) => s.lines.some((l) => l.text.startsWith('Slow down')))?.lines).toEqual([
      { text: 'Slow down, Hana.' },
    ]);
    expect(ofType(elements, 'synopsis').map((s) => s.text)).toEqual(['Miko questions the owner.']);
  });

  it('reads action paragraphs, including forced ones and centered text', () => {
    const actions = ofType(elements, 'action').map((a) => a.text);
    expect(actions[0]).toMatch(/^Rain hammers the neon-lit alley\. MIKO, a grey tabby cat/);
    expect(actions).toContain('A paper lantern sways. PUSH IN on a torn note stuck to the wall.');
    const forced = parseFountain('!SCREAMING FROM ABOVE\nThey look up.\n\n>THE END<').elements;
    expect(forced[0]).toEqual({ type: 'action', text: 'SCREAMING FROM ABOVE\nThey look up.' });
    expect(forced[1]).toEqual({ type: 'centered', text: 'THE END' });
  });
});
