/**
 * The cards picked on the episode page for a batch action, by shot number: a click toggles one,
 * a shift-click (or Shift+arrow) extends from the last card toggled, Escape clears.
 */
import { SvelteSet } from 'svelte/reactivity';

export class CardSelection {
  readonly picked = new SvelteSet<number>();
  /** The card a range extends from: the last one toggled. */
  anchor = $state<number | undefined>();

  get size(): number {
    return this.picked.size;
  }

  has(slot: number): boolean {
    return this.picked.has(slot);
  }

  toggle(slot: number): void {
    if (this.picked.has(slot)) this.picked.delete(slot);
    else this.picked.add(slot);
    this.anchor = slot;
  }

  /** Picks every card from the anchor to `slot` in `order` (the cards as shown); the anchor stays. */
  extend(slot: number, order: readonly number[]): void {
    const from = this.anchor === undefined ? -1 : order.indexOf(this.anchor);
    const to = order.indexOf(slot);
    if (from < 0 || to < 0) return this.toggle(slot);
    for (const number of order.slice(Math.min(from, to), Math.max(from, to) + 1)) this.picked.add(number);
  }

  clear(): void {
    this.picked.clear();
    this.anchor = undefined;
  }

  /** The picked cards in `order`, leaving out any no longer shown. */
  inOrder(order: readonly number[]): number[] {
    return order.filter((slot) => this.picked.has(slot));
  }
}
