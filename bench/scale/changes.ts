/**
 * The change the scale benchmark makes and times: the owner's decision on one take through the
 * API (PUT /api/v1/segments/:id/decision), approving it, or asking for changes when it was
 * approved before, so that every decision changes what the take shows.
 */
import type { LiveEpisode } from '../../src/lib/live/episode-document.ts';
import type { TestClient } from '../../tests/support/http-client.ts';

export class Decisions {
  readonly #owner: TestClient;
  readonly #takes: Map<number, string>;
  readonly #approved = new Set<number>();

  /** `takes`: the current take of each slot, by slot number. */
  constructor(owner: TestClient, takes: Map<number, string>) {
    this.#owner = owner;
    this.#takes = takes;
  }

  get slots(): number[] {
    return [...this.#takes.keys()].sort((a, b) => a - b);
  }

  /** What the live document will show once the next decision on `slot` is visible. */
  expected(slot: number): (live: LiveEpisode) => boolean {
    const approval = this.#approved.has(slot) ? 'needs_revision' : 'approved';
    return (live) => live.slots.find((entry) => entry.slot === slot)?.approval === approval;
  }

  /** Makes the decision; resolves when the API has answered. */
  async decide(slot: number): Promise<void> {
    const take = this.#takes.get(slot);
    if (!take) throw new Error(`slot ${slot} has no take`);
    const decision = this.#approved.has(slot) ? 'changes_requested' : 'approve';
    const response = await this.#owner.request('PUT', `/api/v1/segments/${take}/decision`, { decision });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`the decision on slot ${slot} gave ${response.status}`);
    if (decision === 'approve') this.#approved.add(slot);
    else this.#approved.delete(slot);
  }
}
