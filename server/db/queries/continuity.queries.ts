/**
 * The continuity graph's rows: what each take was made from (take_inputs), and the present state
 * of what takes are made from (characters' looks and reference pictures, sets, the takes they
 * continued from), to tell which takes are stale.
 */
import type { Database } from '../database.ts';
import type { TakeInputKind } from '../../../src/lib/domain/continuity.ts';
import type { TakeInput } from '../schema.ts';

export interface NewTakeInput {
  kind: TakeInputKind;
  ref_id: string;
  version: number | null;
  asset_id: string | null;
  label: string;
  sent: boolean;
}

/** Records what a take was made from, replacing what an earlier attempt at it recorded. */
export async function replaceTakeInputs(db: Database, segmentId: string, inputs: readonly NewTakeInput[]): Promise<void> {
  await db.deleteFrom('take_inputs').where('segment_id', '=', segmentId).execute();
  if (inputs.length === 0) return;
  await db.insertInto('take_inputs').values(inputs.map((input) => ({ ...input, segment_id: segmentId }))).onConflict((oc) => oc.doNothing()).execute();
}

export type InputOfTake = TakeInput & { shot_id: string; version_of_take: number };

/**
 * The inputs of the episode's current takes that were made (of the given shots only, when named);
 * with `allTakes`, of every take made.
 */
export async function listInputsOfTakes(db: Database, episodeId: string, options: { shotIds?: readonly string[]; allTakes?: boolean } = {}): Promise<InputOfTake[]> {
  if (options.shotIds?.length === 0) return [];
  return db
    .selectFrom('take_inputs as ti')
    .innerJoin('video_segments as s', 's.id', 'ti.segment_id')
    .selectAll('ti')
    .select(['s.shot_id', 's.version as version_of_take'])
    .where('s.episode_id', '=', episodeId)
    .where('s.status', '=', 'completed')
    .$if(!options.allTakes, (query) => query.where('s.is_current', '=', true))
    .$if(options.shotIds !== undefined, (query) => query.where('s.shot_id', 'in', options.shotIds!))
    .orderBy('ti.segment_id')
    .orderBy('ti.kind')
    .execute();
}

/**
 * What takes are made from, as it stands now: the episode's characters and sets, and the takes named
 * (those others continued from) with whether each is still its shot's current take.
 */
export async function loadInputsNow(db: Database, episodeId: string, takeIds: readonly string[]) {
  const [characters, scenes, takes] = await Promise.all([
    db
      .selectFrom('characters')
      .select(['id', 'key', 'name', 'looks_version', 'looks_changed_at', 'reference_asset_id', 'reference_changed_at'])
      .where('episode_id', '=', episodeId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('scenes')
      .select(['id', 'scene_number', 'location', 'set_version', 'set_changed_at'])
      .where('episode_id', '=', episodeId)
      .orderBy('scene_number')
      .execute(),
    takeIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('video_segments as s')
          .innerJoin('shots as sh', 'sh.id', 's.shot_id')
          // A take no longer current was replaced when it last changed.
          .select(['s.id', 's.shot_id', 's.version', 's.is_current', 's.approval_status', 's.status', 's.updated_at as replaced_at', 'sh.shot_number'])
          .where('s.id', 'in', takeIds)
          .execute(),
  ]);
  return { characters, scenes, takes };
}

export type InputsNow = Awaited<ReturnType<typeof loadInputsNow>>;
