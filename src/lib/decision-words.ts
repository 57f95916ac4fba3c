/**
 * How a reviewer's decision is named and coloured wherever it is shown (cards, the review page).
 */
import type { TakeDecision } from './domain/enums.ts';

export const DECISION_WORDS: Record<TakeDecision, string> = {
  approve: 'approved',
  changes_requested: 'asked for changes',
  reject: 'rejected',
};

/** The CSS colour of a decision: the theme's good, warning and bad tones. */
export const DECISION_COLOURS: Record<TakeDecision, string> = {
  approve: 'var(--ok)',
  changes_requested: 'var(--accent)',
  reject: 'var(--bad)',
};

/** Up to two initials of a name, for an avatar. */
export function initials(name: string): string {
  // Words with a letter only: "Gus (guest)" is G, not G(.
  const parts = name.trim().split(/\s+/).map((part) => part.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts.at(-1)!].map((part) => [...part][0]) : [...(parts[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}
