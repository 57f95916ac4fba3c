/**
 * The review page's keyboard map: keys to commands, and the keys it leaves alone.
 */
import { describe, expect, it } from 'vitest';
import { reviewShortcut } from '../../../src/lib/review-shortcuts.ts';

const press = (key: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: EventTarget | null }> = {}) =>
  reviewShortcut({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...extra });

describe('review shortcuts', () => {
  it('maps each documented key to its command', () => {
    expect(press('a')).toEqual({ kind: 'approve' });
    expect(press('R')).toEqual({ kind: 'reject' });
    expect(press('g')).toEqual({ kind: 'regenerate' });
    expect(press('3')).toEqual({ kind: 'rate', stars: 3 });
    expect(press('ArrowLeft')).toEqual({ kind: 'previous' });
    expect(press('ArrowRight')).toEqual({ kind: 'next' });
    expect(press('k')).toEqual({ kind: 'shuttle', key: 'k' });
    expect(press(',')).toEqual({ kind: 'step', frames: -1 });
    expect(press('.')).toEqual({ kind: 'step', frames: 1 });
    expect(press('d')).toEqual({ kind: 'drawings' });
    expect(press('D')).toEqual({ kind: 'drawings' });
    expect(press('?')).toEqual({ kind: 'help' });
    expect(press('Escape')).toEqual({ kind: 'close' });
  });

  it('leaves other keys, modified keys and typing alone, but Escape always closes', () => {
    expect(press('6')).toBeUndefined();
    expect(press('F1')).toBeUndefined();
    expect(press('a', { ctrlKey: true })).toBeUndefined();
    expect(press('r', { metaKey: true })).toBeUndefined();
    const field = { tagName: 'TEXTAREA', isContentEditable: false } as unknown as EventTarget;
    expect(press('a', { target: field })).toBeUndefined();
    expect(press('Escape', { target: field })).toEqual({ kind: 'close' });
  });
});

describe('review shortcuts on a slider', () => {
  const slider = { tagName: 'DIV', isContentEditable: false, getAttribute: (name: string) => (name === 'role' ? 'slider' : null) } as unknown as EventTarget;

  it('leaves the arrows and Enter to a focused slider, but J/K/L still shuttle', () => {
    expect(press('ArrowLeft', { target: slider })).toBeUndefined();
    expect(press('ArrowRight', { target: slider })).toBeUndefined();
    expect(press('Enter', { target: slider })).toBeUndefined();
    expect(press('j', { target: slider })).toEqual({ kind: 'shuttle', key: 'j' });
  });
});
