import { describe, expect, it } from 'vitest';
import { insertMention, matchingPeople, mentionedIds, mentionQueryAt, textParts } from '../../../../src/lib/notes/note-text.ts';

describe('textParts', () => {
  it('keeps plain text as one piece', () => {
    expect(textParts('the sky should be darker')).toEqual([{ kind: 'text', text: 'the sky should be darker' }]);
  });

  it('links http and https addresses, leaving a sentence’s full stop outside', () => {
    expect(textParts('see https://example.com/ref?a=1. and http://x.org')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/ref?a=1', href: 'https://example.com/ref?a=1' },
      { kind: 'text', text: '. and ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
    ]);
  });

  it('links www. addresses over https', () => {
    expect(textParts('(www.example.com)')).toEqual([
      { kind: 'text', text: '(' },
      { kind: 'link', text: 'www.example.com', href: 'https://www.example.com/' },
      { kind: 'text', text: ')' },
    ]);
  });

  it('never links javascript: or data: addresses', () => {
    expect(textParts('click javascript:alert(1) or data:text/html,<b>x</b>')).toEqual([{ kind: 'text', text: 'click javascript:alert(1) or data:text/html,<b>x</b>' }]);
    expect(textParts('JavaScript://example.com/%0Aalert(1)').every((part) => part.kind === 'text')).toBe(true);
  });

  it('keeps HTML as text', () => {
    expect(textParts('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });

  it('marks mentions of the named people, the longest name first, and not inside a word', () => {
    expect(textParts('@Ana Lima and @Ana, not me@Ana or @Bob', ['Ana', 'Ana Lima'])).toEqual([
      { kind: 'mention', text: '@Ana Lima' },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', text: '@Ana' },
      { kind: 'text', text: ', not me@Ana or @Bob' },
    ]);
  });

  it('gives back the whole text when the pieces are joined', () => {
    const text = '@B look at https://a.example/b, then www.c.example!';
    expect(textParts(text, ['B']).map((part) => part.text).join('')).toBe(text);
  });
});

describe('typing a mention', () => {
  it('finds the "@" and letters before the caret', () => {
    expect(mentionQueryAt('hi @An', 6)).toEqual({ start: 3, query: 'An' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('@Ana L', 6)).toEqual({ start: 0, query: 'Ana L' });
  });

  it('is no mention inside an address or after a line break', () => {
    expect(mentionQueryAt('mail ana@example.com', 20)).toBeUndefined();
    expect(mentionQueryAt('@Ana\nthen', 9)).toBeUndefined();
    expect(mentionQueryAt('no at sign', 5)).toBeUndefined();
  });

  it('lists people by the start of their name or of a word in it', () => {
    const people = [
      { id: '1', name: 'Ana Lima' },
      { id: '2', name: 'Bruno' },
      { id: '3', name: 'Lia' },
    ];
    expect(matchingPeople(people, 'li').map((person) => person.id)).toEqual(['1', '3']);
    expect(matchingPeople(people, '').map((person) => person.id)).toEqual(['1', '2', '3']);
    expect(matchingPeople(people, 'BR').map((person) => person.id)).toEqual(['2']);
  });

  it('puts the chosen name in place of what was typed, with the caret after it', () => {
    expect(insertMention('hey @an the sky', 7, { start: 4, query: 'an' }, 'Ana Lima')).toEqual({ text: 'hey @Ana Lima the sky', caret: 14 });
    expect(insertMention('@b', 2, { start: 0, query: 'b' }, 'Bruno')).toEqual({ text: '@Bruno ', caret: 7 });
  });

  it('keeps only the chosen people still named in the text', () => {
    const chosen = [
      { id: 'a', name: 'Ana' },
      { id: 'b', name: 'Bruno' },
      { id: 'a', name: 'Ana' },
    ];
    expect(mentionedIds('@Ana the sky should be darker', chosen)).toEqual(['a']);
    expect(mentionedIds('@Ana and @Bruno', chosen)).toEqual(['a', 'b']);
    expect(mentionedIds('Ana and Bruno', chosen)).toEqual([]);
  });
});
