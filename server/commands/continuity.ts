/**
 * The continuity graph: what each take was made from (recorded as it is rendered), which takes a
 * change has left stale and why, and the graph of takes and their inputs for the episode page.
 *
 * A take is stale when something it was made from moved on: a character's looks (description or
 * visual traits) or reference picture, the set of its scene, or the approved take whose last frame
 * it continued from being replaced. Only takes that were made count; a take not yet rendered reads
 * its inputs when it is.
 */
import type { EpisodeGraph, GraphEdge, GraphNode, GraphTake } from '../../src/lib/api/continuity.schema.ts';
import type { StaleReason } from '../../src/lib/domain/continuity.ts';
import { type InputOfTake, type InputsNow, listInputsOfTakes, loadInputsNow, type NewTakeInput } from '../db/queries/continuity.queries.ts';
import type { Database } from '../db/database.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import type { Character, Scene, Shot, VideoSegment } from '../db/schema.ts';
import type { TakeReferences } from './video-references.ts';

/**
 * What a take of `shot` is made from before its pictures are chosen: each character of the shot
 * (looks, and reference picture as it stands, sent or not), the scene's set and the template its
 * settings came from.
 */
export function takeInputsOf(characters: readonly Character[], shot: Shot, scene: Scene): NewTakeInput[] {
  const cast = characters.filter((character) => shot.character_keys.includes(character.key));
  return [
    ...cast.flatMap((character): NewTakeInput[] => [
      { kind: 'character', ref_id: character.id, version: character.looks_version, asset_id: null, label: character.name, sent: true },
      { kind: 'reference_picture', ref_id: character.id, version: null, asset_id: character.reference_asset_id, label: character.name, sent: false },
    ]),
    { kind: 'location', ref_id: scene.id, version: scene.set_version, asset_id: null, label: scene.location, sent: true },
    ...(shot.template_id
      ? [{ kind: 'template' as const, ref_id: shot.template_id, version: shot.template_version, asset_id: null, label: shot.template_name ?? 'template', sent: true }]
      : []),
  ];
}

/** The inputs with what was sent to the provider: the pictures it took, and the take continued from. */
export function withSentPictures(inputs: readonly NewTakeInput[], characters: readonly Character[], taken: TakeReferences): NewTakeInput[] {
  const sentKeys = new Set((taken.references?.characters ?? []).map((reference) => reference.characterKey));
  const sentIds = new Set(characters.filter((character) => sentKeys.has(character.key)).map((character) => character.id));
  const marked = inputs.map((input) => (input.kind === 'reference_picture' && sentIds.has(input.ref_id) ? { ...input, sent: true } : input));
  const previous = taken.continuedFrom;
  return previous
    ? [...marked, { kind: 'previous_take', ref_id: previous.id, version: previous.version, asset_id: null, label: `shot ${previous.segment_number}`, sent: true }]
    : marked;
}

const iso = (value: Date | string | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

/** Why one input of a take is out of date, or undefined while it is not. */
export function staleReason(input: InputOfTake, now: InputsNow): StaleReason | undefined {
  const reason = (message: string, changedAt: Date | string | null | undefined): StaleReason => ({ kind: input.kind, refId: input.ref_id, message, changedAt: iso(changedAt) });
  switch (input.kind) {
    case 'character':
    case 'reference_picture': {
      const character = now.characters.find((entry) => entry.id === input.ref_id);
      if (!character) return input.kind === 'character' ? reason(`${input.label} is no longer in the cast`, null) : undefined;
      if (input.kind === 'character') {
        return character.looks_version > (input.version ?? 0) ? reason(`${character.name}'s looks changed after this take was made`, character.looks_changed_at) : undefined;
      }
      if (character.reference_asset_id === input.asset_id) return undefined;
      if (input.asset_id === null) return reason(`${character.name} was given a reference picture after this take was made`, character.reference_changed_at);
      if (character.reference_asset_id === null) return reason(`${character.name}'s reference picture was removed after this take was made`, character.reference_changed_at);
      return reason(`${character.name}'s reference changed after this take was made`, character.reference_changed_at);
    }
    case 'location': {
      const scene = now.scenes.find((entry) => entry.id === input.ref_id);
      if (!scene || scene.set_version <= (input.version ?? 0)) return undefined;
      return reason(`The set of scene ${scene.scene_number} (${scene.location}) changed after this take was made`, scene.set_changed_at);
    }
    case 'previous_take': {
      const previous = now.takes.find((entry) => entry.id === input.ref_id);
      if (previous?.is_current) return undefined;
      return reason(`The take of ${input.label} it continued from (v${input.version ?? '?'}) was replaced`, previous?.replaced_at);
    }
    case 'template':
      // A template's later edits do not reach takes made with it: the shot kept its settings.
      return undefined;
  }
}

/** Each take's stale reasons, by take id (takes that are not stale are left out). */
export function staleReasonsByTake(inputs: readonly InputOfTake[], now: InputsNow): Map<string, StaleReason[]> {
  const stale = new Map<string, StaleReason[]>();
  for (const input of inputs) {
    const reason = staleReason(input, now);
    if (!reason) continue;
    stale.set(input.segment_id, [...(stale.get(input.segment_id) ?? []), reason]);
  }
  return stale;
}

/** The stale reasons of the current takes of the episode (of `shotIds` only, when given), by shot id. */
export async function staleShots(db: Database, episodeId: string, shotIds?: readonly string[]): Promise<Map<string, StaleReason[]>> {
  const inputs = await listInputsOfTakes(db, episodeId, shotIds ? { shotIds } : {});
  if (inputs.length === 0) return new Map();
  const now = await loadInputsNow(db, episodeId, previousTakesOf(inputs));
  const byTake = staleReasonsByTake(inputs, now);
  const shotOf = new Map(inputs.map((input) => [input.segment_id, input.shot_id]));
  return new Map([...byTake].map(([takeId, reasons]) => [shotOf.get(takeId)!, reasons]));
}

export function previousTakesOf(inputs: readonly InputOfTake[]): string[] {
  return [...new Set(inputs.filter((input) => input.kind === 'previous_take').map((input) => input.ref_id))];
}

const nodeId = (input: InputOfTake): string =>
  input.kind === 'previous_take' ? `take:${input.ref_id}` : `${input.kind === 'reference_picture' ? 'character' : input.kind}:${input.ref_id}`;

/**
 * The graph of the episode's current takes: every take (made or not) with its stale reasons, what
 * the made ones were made from, and an edge per input. A take another continued from is a node
 * even when it is no longer current.
 */
export function buildGraph(episodeId: string, current: readonly VideoSegment[], inputs: readonly InputOfTake[], now: InputsNow): EpisodeGraph {
  const stale = staleReasonsByTake(inputs, now);
  const takeNode = (take: { id: string; shot_id: string; segment_number: number; version: number; status: string; approval_status: string }): GraphTake => ({
    id: `take:${take.id}`,
    kind: 'take',
    segment_id: take.id,
    shot_id: take.shot_id,
    slot: take.segment_number,
    version: take.version,
    status: take.status,
    approval_status: take.approval_status,
    stale: stale.has(take.id),
    stale_reasons: (stale.get(take.id) ?? []).map((reason) => ({ kind: reason.kind, ref_id: reason.refId, message: reason.message, changed_at: reason.changedAt })),
  });
  const nodes = new Map<string, GraphNode>(current.map((take) => [`take:${take.id}`, takeNode(take)]));
  for (const input of inputs) {
    const id = nodeId(input);
    if (nodes.has(id)) continue;
    if (input.kind === 'previous_take') {
      const earlier = now.takes.find((take) => take.id === input.ref_id);
      if (earlier) nodes.set(id, takeNode({ ...earlier, segment_number: earlier.shot_number }));
    } else if (input.kind === 'character' || input.kind === 'reference_picture') {
      const character = now.characters.find((entry) => entry.id === input.ref_id);
      if (character) nodes.set(id, { id, kind: 'character', character_id: character.id, key: character.key, name: character.name, looks_version: character.looks_version, reference_asset_id: character.reference_asset_id });
    } else if (input.kind === 'location') {
      const scene = now.scenes.find((entry) => entry.id === input.ref_id);
      if (scene) nodes.set(id, { id, kind: 'location', scene_id: scene.id, scene_number: scene.scene_number, location: scene.location, set_version: scene.set_version });
    } else {
      nodes.set(id, { id, kind: 'template', template_id: input.ref_id, name: input.label });
    }
  }
  const edges = inputs.map((input): GraphEdge => ({
    from: `take:${input.segment_id}`,
    to: nodeId(input),
    kind: input.kind,
    version_used: input.version,
    asset_id_used: input.asset_id,
    sent: input.sent,
    stale: staleReason(input, now) !== undefined,
  }));
  return { episode_id: episodeId, nodes: [...nodes.values()], edges };
}

/** The episode's continuity graph (GET /episodes/{id}/graph). */
export async function episodeGraph(db: Database, episodeId: string): Promise<EpisodeGraph> {
  const [current, inputs] = await Promise.all([listCurrentSegments(db, episodeId), listInputsOfTakes(db, episodeId)]);
  const now = await loadInputsNow(db, episodeId, previousTakesOf(inputs));
  return buildGraph(episodeId, current, inputs, now);
}
