/**
 * A take's lineage in the continuity graph, for the episode page: the takes it continued from
 * (its ancestors, back to the first), the takes that continued from it (its dependants, to the
 * last), and the characters and sets it was made from.
 */
import type { EpisodeGraph, GraphNode } from './api/continuity.schema.ts';

export interface Lineage {
  /** Shot ids of the takes this one continued from, nearest first. */
  ancestors: string[];
  /** Shot ids of the takes that continued from this one, nearest first. */
  dependants: string[];
  /** What it was made from besides takes: "Mara (looks v2)", "HARBOUR set v1". */
  inputs: string[];
}

export function lineageOf(graph: EpisodeGraph, segmentId: string): Lineage {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const start = `take:${segmentId}`;
  const continuedFrom = new Map<string, string[]>();
  const continuedBy = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'previous_take') continue;
    continuedFrom.set(edge.from, [...(continuedFrom.get(edge.from) ?? []), edge.to]);
    continuedBy.set(edge.to, [...(continuedBy.get(edge.to) ?? []), edge.from]);
  }
  const walk = (links: Map<string, string[]>): string[] => {
    const seen = new Set<string>([start]);
    const found: string[] = [];
    let frontier = [start];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const linked of links.get(id) ?? []) {
          if (seen.has(linked)) continue;
          seen.add(linked);
          next.push(linked);
          const node = nodes.get(linked);
          if (node?.kind === 'take' && !found.includes(node.shot_id)) found.push(node.shot_id);
        }
      }
      frontier = next;
    }
    return found;
  };
  const inputs = graph.edges
    .filter((edge) => edge.from === start && (edge.kind === 'character' || edge.kind === 'location' || edge.kind === 'template'))
    .map((edge) => describe(nodes.get(edge.to), edge.version_used, edge.stale))
    .filter((text): text is string => text !== undefined);
  return { ancestors: walk(continuedFrom), dependants: walk(continuedBy), inputs };
}

function describe(node: GraphNode | undefined, version: number | null, stale: boolean): string | undefined {
  if (!node) return undefined;
  const old = stale ? ', since changed' : '';
  if (node.kind === 'character') return `${node.name} (looks v${version ?? '?'}${old})`;
  if (node.kind === 'location') return `${node.location} set v${version ?? '?'}${old}`;
  if (node.kind === 'template') return `template ${node.name}`;
  return undefined;
}
