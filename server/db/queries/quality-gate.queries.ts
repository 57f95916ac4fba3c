/**
 * The quality gate's rows: an episode's settings, and what the gate did with each take.
 */
import type { Transaction } from 'kysely';
import type { QualityGateSettings, TakeGateRecord } from '../../../src/lib/domain/quality-gate.ts';
import type { Database } from '../database.ts';
import type { DB, VideoSegment } from '../schema.ts';

/** The episode's gate settings; undefined when none were ever set (or no such episode). */
export async function findQualityGate(db: Database, episodeId: string): Promise<QualityGateSettings | undefined> {
  const row = await db.selectFrom('episodes').select('quality_gate').where('id', '=', episodeId).executeTakeFirst();
  return row?.quality_gate ?? undefined;
}

export async function storeQualityGate(trx: Transaction<DB>, episodeId: string, gate: QualityGateSettings): Promise<void> {
  await trx.updateTable('episodes').set({ quality_gate: JSON.stringify(gate) }).where('id', '=', episodeId).execute();
}

/** Records what the gate did with a take. */
export async function setTakeGate(db: Database, segmentId: string, record: TakeGateRecord): Promise<VideoSegment> {
  return db.updateTable('video_segments').set({ quality_gate: JSON.stringify(record) }).where('id', '=', segmentId).returningAll().executeTakeFirstOrThrow();
}
