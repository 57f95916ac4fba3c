/**
 * The review page's keyboard map: which key asks for what. Whether the page may do it (the
 * caller's abilities, the take's state) is the page's decision, not this map's.
 */

export type ReviewCommand =
  | { kind: 'close' }
  | { kind: 'help' }
  | { kind: 'previous' }
  | { kind: 'next' }
  | { kind: 'approve' }
  | { kind: 'reject' }
  | { kind: 'regenerate' }
  | { kind: 'shuttle'; key: 'j' | 'k' | 'l' }
  | { kind: 'step'; frames: -1 | 1 }
  | { kind: 'drawings' }
  | { kind: 'rate'; stars: number };

/** What the help dialog lists, in its order. */
export const SHORTCUT_HELP: readonly { keys: string; does: string }[] = [
  { keys: 'A', does: 'approve (with the stars chosen)' },
  { keys: 'R', does: 'reject, with a reason' },
  { keys: 'G', does: 'regenerate with changes' },
  { keys: '1–5', does: 'rating' },
  { keys: '← / →', does: 'previous / next segment' },
  { keys: 'J / K / L', does: 'play backward / stop at 1× / play forward (again: faster)' },
  { keys: ', / .', does: 'previous / next frame' },
  { keys: 'D', does: 'show / hide the notes’ drawings' },
  { keys: '?', does: 'this help; Esc closes' },
];

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>;

function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) || element.isContentEditable);
}

/** A focused slider (the player's scrub strip) moves with the arrow keys and Enter. */
function onSlider(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return typeof element?.getAttribute === 'function' && element.getAttribute('role') === 'slider';
}
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Enter', ' ']);

/**
 * The command a key press asks for, or undefined. Escape works everywhere; other keys not while
 * typing in a field, nor with Ctrl, Cmd or Alt (the browser's own shortcuts); arrows not on a slider.
 */
export function reviewShortcut(event: KeyPress): ReviewCommand | undefined {
  if (event.key === 'Escape') return { kind: 'close' };
  if (typingIn(event.target) || event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const key = event.key;
  if (SLIDER_KEYS.has(key) && onSlider(event.target)) return undefined;
  if (key === '?') return { kind: 'help' };
  if (key === 'ArrowLeft') return { kind: 'previous' };
  if (key === 'ArrowRight') return { kind: 'next' };
  if (key === 'a' || key === 'A') return { kind: 'approve' };
  if (key === 'r' || key === 'R') return { kind: 'reject' };
  if (key === 'g' || key === 'G') return { kind: 'regenerate' };
  if (key === 'j' || key === 'k' || key === 'l') return { kind: 'shuttle', key };
  if (key === ',') return { kind: 'step', frames: -1 };
  if (key === '.') return { kind: 'step', frames: 1 };
  if (key === 'd' || key === 'D') return { kind: 'drawings' };
  if (key.length === 1 && key >= '1' && key <= '5') return { kind: 'rate', stars: Number(key) };
  return undefined;
}
