/**
 * Takes to choose from (server/commands/take-choices.ts): the choices, their contending takes and
 * the votes cast on them.
 */
import type { Database } from '../database.ts';
import type { TakeChoice, TakeChoiceClosing, TakeChoiceState, TakeVote, VideoSegment } from '../schema.ts';

export async function insertChoice(
  db: Database,
  values: { episode_id: string; shot_id: string; blind: boolean; requested_by: string | null; requested_by_name: string },
): Promise<TakeChoice> {
  return db.insertInto('take_choices').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A choice of the episode (undefined for another episode's). */
export async function findChoice(db: Database, episodeId: string, id: string): Promise<TakeChoice | undefined> {
  return db.selectFrom('take_choices').selectAll().where('id', '=', id).where('episode_id', '=', episodeId).executeTakeFirst();
}

/** The same, locked until the transaction ends. */
export async function lockChoice(db: Database, episodeId: string, id: string): Promise<TakeChoice | undefined> {
  return db.selectFrom('take_choices').selectAll().where('id', '=', id).where('episode_id', '=', episodeId).forUpdate().executeTakeFirst();
}

export async function findOpenChoiceOfShot(db: Database, shotId: string): Promise<TakeChoice | undefined> {
  return db.selectFrom('take_choices').selectAll().where('shot_id', '=', shotId).where('status', '=', 'open').executeTakeFirst();
}

/** The episode's choices, open ones first, then the newest. */
export async function listChoices(db: Database, episodeId: string, limit: number): Promise<TakeChoice[]> {
  return db
    .selectFrom('take_choices')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('status', 'asc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The takes made for a choice, by version. */
export async function listContenders(db: Database, choiceId: string): Promise<VideoSegment[]> {
  return db.selectFrom('video_segments').selectAll().where('choice_id', '=', choiceId).orderBy('version').execute();
}

export async function listVotes(db: Database, choiceIds: readonly string[]): Promise<TakeVote[]> {
  if (choiceIds.length === 0) return [];
  return db.selectFrom('take_votes').selectAll().where('choice_id', 'in', choiceIds).orderBy('voted_at').execute();
}

/** Casts a vote, or moves the voter's vote to another take. */
export async function upsertVote(db: Database, values: Omit<TakeVote, 'voted_at'>): Promise<void> {
  await db
    .insertInto('take_votes')
    .values(values)
    .onConflict((conflict) => conflict.columns(['choice_id', 'voter_key']).doUpdateSet({ segment_id: values.segment_id, voter_name: values.voter_name, voted_at: new Date() }))
    .execute();
}

/** Takes a vote back; whether there was one. */
export async function deleteVote(db: Database, choiceId: string, voterKey: string): Promise<boolean> {
  const result = await db.deleteFrom('take_votes').where('choice_id', '=', choiceId).where('voter_key', '=', voterKey).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function closeChoiceRow(
  db: Database,
  id: string,
  values: { winner_segment_id: string | null; closed_how: TakeChoiceClosing; closed_by_name: string },
): Promise<TakeChoice> {
  return db.updateTable('take_choices').set({ ...values, status: 'closed', closed_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Marks takes as made for a choice, or where they stand in it once it closes. */
export async function setChoiceState(db: Database, segmentIds: readonly string[], choiceId: string, state: TakeChoiceState): Promise<void> {
  if (segmentIds.length === 0) return;
  await db.updateTable('video_segments').set({ choice_id: choiceId, choice_state: state }).where('id', 'in', segmentIds).execute();
}

/** The open choices of an episode's shots (of the given shots only, when named), with how many have voted. */
export async function listOpenChoicesWithVotes(db: Database, episodeId: string, shotIds?: readonly string[]) {
  if (shotIds?.length === 0) return [];
  return db
    .selectFrom('take_choices as c')
    .select((eb) => [
      'c.id',
      'c.shot_id',
      'c.blind',
      eb.selectFrom('take_votes as v').select(eb.fn.countAll<number>().as('n')).whereRef('v.choice_id', '=', 'c.id').as('votes'),
    ])
    .where('c.episode_id', '=', episodeId)
    .where('c.status', '=', 'open')
    .$if(shotIds !== undefined, (query) => query.where('c.shot_id', 'in', shotIds!))
    .execute();
}
