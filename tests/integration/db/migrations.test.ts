/**
 * The migrations create the seed design's schema, are idempotent, and are safe to run concurrently.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { createEmptyDatabase } from '../../support/database.ts';
import { eventually } from '../../support/server-process.ts';

const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.url));

const SEED_SEGMENT_COLUMNS = [
  'segment_number', 'segment_type', 'generation_params', 'status', 'approval_status', 'video_url', 'thumbnail_url',
  'duration', 'quality_score', 'consistency_score', 'file_size', 'resolution', 'format', 'version',
  'parent_segment_id', 'user_notes', 'rejection_reason', 'created_at', 'updated_at', 'approved_at',
];

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    // Three processes' worth of migrators at once: exactly one applies, the others find nothing to do.
    const reports = await Promise.all([migrateToLatest(database.url), migrateToLatest(database.url), migrateToLatest(database.url)]);
    const counts = reports.map((report) => report.applied.length).sort();
    expect(counts.slice(0, 2)).toEqual([0, 0]);
    expect(counts[2]).toBe((await readdir(MIGRATIONS)).filter((file) => file.endsWith('.ts')).length);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('creates every table of the seed design plus users and sessions', async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const tables = rows.map((row) => row.table_name);
    for (const table of ['episodes', 'characters', 'scenes', 'shots', 'video_segments', 'segment_compilation_jobs', 'segment_reviews', 'users', 'sessions']) {
      expect(tables).toContain(table);
    }
  });

  it('gives video_segments every seed column', async () => {
    const { rows } = await client.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'video_segments'",
    );
    const columns = rows.map((row) => row.column_name);
    for (const column of SEED_SEGMENT_COLUMNS) expect(columns).toContain(column);
  });

  it('makes status columns enums, not free text', async () => {
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string }>(
      `SELECT table_name, column_name, data_type, udt_name FROM information_schema.columns
       WHERE table_schema = 'public' AND (column_name IN ('status', 'approval_status', 'role', 'scope')
         OR (table_name = 'segment_reviews' AND column_name = 'action'))`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) expect(row.data_type, `${row.table_name}.${row.column_name}`).toBe('USER-DEFINED');
    await expect(client.query("INSERT INTO episodes (status) VALUES ('dancing')")).rejects.toThrow(/invalid input value for enum/);
  });

  it('indexes what the API looks up', async () => {
    const { rows } = await client.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
    const names = rows.map((row) => row.indexname);
    expect(names).toEqual(expect.arrayContaining(['video_segments_one_current', 'video_segments_episode', 'shots_episode_position', 'segment_reviews_segment']));
  });

  it('creates the job queue schema', async () => {
    const { rows } = await client.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'graphile_worker'");
    expect(rows).toHaveLength(1);
  });

  it('is a no-op the second time', async () => {
    const before = await client.query('SELECT count(*) FROM kysely_migration');
    expect((await migrateToLatest(database.url)).applied).toEqual([]);
    const after = await client.query('SELECT count(*) FROM kysely_migration');
    expect(after.rows).toEqual(before.rows);
  });

  it('notifies episode_changed naming the part that changed, each part once per transaction', async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const seen: string[] = [];
    listener.on('notification', (message) => {
      if (message.channel === 'episode_changed' && message.payload) seen.push(message.payload);
    });
    await listener.query('LISTEN episode_changed');
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>("INSERT INTO episodes (title) VALUES ('x') RETURNING id");
    await client.query("UPDATE episodes SET title = 'y' WHERE id = $1", [rows[0]!.id]);
    await client.query("UPDATE episodes SET title = 'z' WHERE id = $1", [rows[0]!.id]);
    await client.query('COMMIT');
    // A new approval rule changes every slot's count: everything is reloaded.
    await client.query(`UPDATE episodes SET approval_rule = '{"kind":"count","count":2}' WHERE id = $1`, [rows[0]!.id]);
    // Notifications arrive in commit order: once this later one is in, every earlier one is too.
    await client.query("NOTIFY episode_changed, 'end'");
    await eventually(async () => seen.includes('end'), 10_000, 'the closing notification');
    await listener.end();
    const id = rows[0]!.id;
    expect(seen).toEqual([`${id} all`, `${id} episode`, `${id} all`, 'end']);
  });
});
