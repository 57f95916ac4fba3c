/**
 * A take's lineage read from the continuity graph: every take back along the chain it continued
 * from, every take continuing from it (at any remove), and what it was made from, in words.
 */
import { describe, expect, it } from 'vitest';
import type { EpisodeGraph, GraphTake } from '../../../src/lib/api/continuity.schema.ts';
import { lineageOf } from '../../../src/lib/continuity-lineage.ts';

const take = (n: number): GraphTake => ({
  id: `take:t${n}`, kind: 'take', segment_id: `t${n}`, shot_id: `shot-${n}`, slot: n, version: 1, status: 'completed', approval_status: 'approved', stale: false, stale_reasons: [],
});
const link = (from: number, to: number) => ({ from: `take:t${from}`, to: `take:t${to}`, kind: 'previous_take' as const, version_used: 1, asset_id_used: null, sent: true, stale: false });

// 1 ← 2 ← 3 ← 4, and 5 stands alone; take 3 was made from Mara (looks v2, since changed) on the HARBOUR set.
const graph: EpisodeGraph = {
  episode_id: 'e',
  nodes: [
    take(1), take(2), take(3), take(4), take(5),
    { id: 'character:c', kind: 'character', character_id: 'c', key: 'mara', name: 'Mara', looks_version: 3, reference_asset_id: null },
    { id: 'location:s', kind: 'location', scene_id: 's', scene_number: 1, location: 'HARBOUR', set_version: 1 },
  ],
  edges: [
    link(2, 1), link(3, 2), link(4, 3),
    { from: 'take:t3', to: 'character:c', kind: 'character', version_used: 2, asset_id_used: null, sent: true, stale: true },
    { from: 'take:t3', to: 'character:c', kind: 'reference_picture', version_used: null, asset_id_used: null, sent: false, stale: false },
    { from: 'take:t3', to: 'location:s', kind: 'location', version_used: 1, asset_id_used: null, sent: true, stale: false },
  ],
};

describe('the lineage of a take', () => {
  it('follows the chain both ways, nearest first', () => {
    expect(lineageOf(graph, 't3')).toEqual({ ancestors: ['shot-2', 'shot-1'], dependants: ['shot-4'], inputs: ['Mara (looks v2, since changed)', 'HARBOUR set v1'] });
    expect(lineageOf(graph, 't1')).toMatchObject({ ancestors: [], dependants: ['shot-2', 'shot-3', 'shot-4'] });
  });

  it('is empty for a take on its own', () => {
    expect(lineageOf(graph, 't5')).toEqual({ ancestors: [], dependants: [], inputs: [] });
  });
});
